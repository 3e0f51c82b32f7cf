// Fill the reader's values into a plan's .docx in the browser, so the download matches the page.
// A .docx is a zip: read it, replace each placeholder run in word/document.xml, write it back
// with the entries stored uncompressed (Word and WPS read stored entries as usual).
(function () {
  "use strict";

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function inflate(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  function readEntries(zip) {
    var view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength), end = zip.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
    var count = view.getUint16(end + 10, true), at = view.getUint32(end + 16, true), entries = [];
    for (var i = 0; i < count; i++) {
      var nameLength = view.getUint16(at + 28, true), local = view.getUint32(at + 42, true);
      var start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      entries.push({
        name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
        method: view.getUint16(at + 10, true),
        data: zip.subarray(start, start + view.getUint32(at + 20, true))
      });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return entries;
  }

  function escapeXml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // Each placeholder is its own highlighted run; a filled one loses the highlight and takes the value.
  function fillXml(xml, values) {
    return xml.replace(/<w:r>((?:(?!<\/w:r>)[\s\S])*?)<w:t(?: [^>]*)?>【([^【】<]+)】<\/w:t><\/w:r>/g, function (run, props, name) {
      if (!values[name]) return run;
      return "<w:r>" + props.replace(/<w:highlight [^>]*\/>/, "") + '<w:t xml:space="preserve">' + escapeXml(values[name]) + "</w:t></w:r>";
    });
  }

  function writeZip(files) {
    var encoder = new TextEncoder(), locals = [], centrals = [], offset = 0;
    files.forEach(function (file) {
      var name = encoder.encode(file.name), crc = crc32(file.data), size = file.data.length;
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true);
      local.setUint32(14, crc, true); local.setUint32(18, size, true); local.setUint32(22, size, true);
      local.setUint16(26, name.length, true);
      var central = new DataView(new ArrayBuffer(46));
      central.setUint32(0, 0x02014b50, true); central.setUint16(4, 20, true); central.setUint16(6, 20, true);
      central.setUint32(16, crc, true); central.setUint32(20, size, true); central.setUint32(24, size, true);
      central.setUint16(28, name.length, true); central.setUint32(42, offset, true);
      locals.push(new Uint8Array(local.buffer), name, file.data);
      centrals.push(new Uint8Array(central.buffer), name);
      offset += 30 + name.length + size;
    });
    var centralSize = centrals.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, centralSize, true); end.setUint32(16, offset, true);
    return new Blob(locals.concat(centrals, [new Uint8Array(end.buffer)])).arrayBuffer()
      .then(function (buffer) { return new Uint8Array(buffer); });
  }

  function fill(zip, values) {
    return Promise.all(readEntries(zip).map(function (entry) {
      var data = entry.method === 8 ? inflate(entry.data) : Promise.resolve(entry.data);
      return data.then(function (bytes) {
        if (entry.name === "word/document.xml") {
          bytes = new TextEncoder().encode(fillXml(new TextDecoder().decode(bytes), values));
        }
        return { name: entry.name, data: bytes };
      });
    })).then(writeZip);
  }

  window.UnionDocx = { fill: fill };
})();
