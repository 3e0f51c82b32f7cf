// Fill the reader's values into a plan's .docx in the browser, so the download matches the page.
// A .docx is a zip: read it, replace each placeholder run in word/document.xml, re-centre the 落款
// for the filled names, and write it back compressed (the browser's own deflate) and dated now.
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

  function through(bytes, transform) {
    var stream = new Blob([bytes]).stream().pipeThrough(transform);
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }
  function inflate(bytes) { return through(bytes, new DecompressionStream("deflate-raw")); }
  function deflate(bytes) { return through(bytes, new CompressionStream("deflate-raw")); }

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

  // Text pasted from Word can carry control characters that XML 1.0 forbids; Word calls such a file corrupt.
  function clean(text) {
    return text.replace(/[\t\n\r]+/g, " ").replace(/[\u0000-\u001f\u007f\ufffe\uffff]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, "$1");
  }
  function escapeXml(text) {
    return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function unescapeXml(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  }

  // Each placeholder is its own highlighted run; a filled one loses the highlight and takes the value.
  function fillXml(xml, values) {
    xml = xml.replace(/<w:r>((?:(?!<\/w:r>)[\s\S])*?)<w:t(?: [^>]*)?>【([^【】<]+)】<\/w:t><\/w:r>/g, function (run, props, name) {
      if (!values[name]) return run;
      return "<w:r>" + props.replace(/<w:highlight [^>]*\/>/, "") + '<w:t xml:space="preserve">' + escapeXml(values[name]) + "</w:t></w:r>";
    });
    return centreSignature(xml);
  }

  // The same rule as word.signature_indents: the name 右空二字, the date centred under it (widths in characters).
  var CHAR = 320, MARGIN = 2;
  function width(text) {
    var sum = 0;
    for (var i = 0; i < text.length; i++) sum += text.charCodeAt(i) < 0x2e80 ? 0.5 : 1;
    return sum;
  }
  function paragraphText(paragraph) {
    var text = "";
    paragraph.replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g, function (_, part) { text += unescapeXml(part); });
    return text;
  }
  function centreSignature(xml) {
    var pattern = /<w:p><w:pPr><w:pStyle w:val="(Signature|SignatureDate)"\/>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g;
    var found = {};
    xml.replace(pattern, function (paragraph, style) { found[style] = paragraphText(paragraph); });
    if (!("Signature" in found) || !("SignatureDate" in found)) return xml;
    var name = width(found.Signature), date = width(found.SignatureDate), margin = MARGIN * CHAR;
    var indents = date > name ? { Signature: Math.round(margin + (date - name) * CHAR / 2), SignatureDate: margin }
                              : { Signature: margin, SignatureDate: Math.round(margin + (name - date) * CHAR / 2) };
    return xml.replace(pattern, function (paragraph, style) {
      return paragraph.replace(/<w:ind w:right="\d+"\/>/, '<w:ind w:right="' + indents[style] + '"/>');
    });
  }

  function dosTime(date) {
    return { time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
             day: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate() };
  }

  function writeZip(files) {
    var encoder = new TextEncoder(), locals = [], centrals = [], offset = 0, stamp = dosTime(new Date());
    files.forEach(function (file) {
      var name = encoder.encode(file.name), size = file.data.length, packed = file.packed.length;
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(6, 0x0800, true);
      local.setUint16(8, 8, true); local.setUint16(10, stamp.time, true); local.setUint16(12, stamp.day, true);
      local.setUint32(14, file.crc, true); local.setUint32(18, packed, true); local.setUint32(22, size, true);
      local.setUint16(26, name.length, true);
      var central = new DataView(new ArrayBuffer(46));
      central.setUint32(0, 0x02014b50, true); central.setUint16(4, 20, true); central.setUint16(6, 20, true);
      central.setUint16(8, 0x0800, true); central.setUint16(10, 8, true);
      central.setUint16(12, stamp.time, true); central.setUint16(14, stamp.day, true);
      central.setUint32(16, file.crc, true); central.setUint32(20, packed, true); central.setUint32(24, size, true);
      central.setUint16(28, name.length, true); central.setUint32(42, offset, true);
      locals.push(new Uint8Array(local.buffer), name, file.packed);
      centrals.push(new Uint8Array(central.buffer), name);
      offset += 30 + name.length + packed;
    });
    var centralSize = centrals.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, centralSize, true); end.setUint32(16, offset, true);
    return new Blob(locals.concat(centrals, [new Uint8Array(end.buffer)])).arrayBuffer()
      .then(function (buffer) { return new Uint8Array(buffer); });
  }

  function fill(zip, values) { return rewrite(zip, null, values); }

  // Rewrite a .docx: a new body for word/document.xml (kept between the template's <w:body> and its page
  // setup, which the build wrote) and a new title in the core properties; the reader's values filled in.
  function rewrite(zip, replacement, values) {
    return Promise.all(readEntries(zip).map(function (entry) {
      var data = entry.method === 8 ? inflate(entry.data) : Promise.resolve(entry.data);
      return data.then(function (bytes) {
        var text = null;
        if (entry.name === "word/document.xml") {
          text = new TextDecoder().decode(bytes);
          if (replacement) text = text.slice(0, text.indexOf("<w:body>") + 8) + replacement.body + text.slice(text.indexOf("<w:sectPr"));
          text = fillXml(text, values);
        } else if (entry.name === "docProps/core.xml") {  // the title as the reader fills it in
          text = new TextDecoder().decode(bytes).replace(/<dc:title>([^<]*)<\/dc:title>/, function (_, title) {
            var filled = (replacement ? replacement.title : unescapeXml(title)).replace(/【([^【】]+)】/g, function (m, name) { return values[name] || m; });
            return "<dc:title>" + escapeXml(filled) + "</dc:title>";
          });
        }
        if (text !== null) bytes = new TextEncoder().encode(text);
        return deflate(bytes).then(function (packed) { return { name: entry.name, data: bytes, packed: packed, crc: crc32(bytes) }; });
      });
    })).then(writeZip);
  }

  // --- blocks as WordprocessingML: the same structure word.py writes for the plans' own files --------------
  function runs(text) {
    return text.split(/(【[^【】]+】)/).filter(Boolean).map(function (part) {
      var props = /^【[^【】]+】$/.test(part) ? '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' : "";
      return "<w:r>" + props + '<w:t xml:space="preserve">' + escapeXml(part) + "</w:t></w:r>";
    }).join("");
  }
  function paragraph(text, style, keep, extra) {
    var props = (style && style !== "Normal" ? '<w:pStyle w:val="' + style + '"/>' : "") + (keep ? "<w:keepNext/>" : "") + (extra || "");
    return "<w:p>" + (props ? "<w:pPr>" + props + "</w:pPr>" : "") + runs(text) + "</w:p>";
  }
  // As word.title: the issuing union on the first line, what it issues on the next (GB/T 9704 §7.3.3).
  var ISSUERS = ["【工会名称】", "【单位名称】"];
  function title(text) {
    var issuer = ISSUERS.filter(function (name) { return text.indexOf(name) === 0; })[0];
    if (!issuer || text === issuer) return paragraph(text, "PlanTitle");
    return '<w:p><w:pPr><w:pStyle w:val="PlanTitle"/></w:pPr>' + runs(issuer) + "<w:r><w:br/></w:r>" + runs(text.slice(issuer.length)) + "</w:p>";
  }
  // As word.MONTH_WIDTH, ITEMS_WIDTH: 30 mm and 126 mm of the 156 mm type area, in twips (test_composer compares them).
  var MONTH_WIDTH = 1701, ITEMS_WIDTH = 7143;
  function schedule(rows, keepLast) {
    var cell = function (paragraphs, width) {
      return '<w:tc><w:tcPr><w:tcW w:w="' + width + '" w:type="dxa"/></w:tcPr>' + paragraphs + "</w:tc>";
    };
    var header = cell(paragraph("月份", "TableText", true).replace("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>"), MONTH_WIDTH) +
      cell(paragraph("工作安排", "TableText", true).replace("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>"), ITEMS_WIDTH);
    var lines = ["<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" + header + "</w:tr>"];
    rows.forEach(function (row, index) {
      var keep = keepLast && index === rows.length - 1;
      var items = row[1].map(function (text, n) { return paragraph((n + 1) + "." + text, "TableText", keep); }).join("");
      lines.push("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell(paragraph(row[0], "TableText", keep), MONTH_WIDTH) + cell(items, ITEMS_WIDTH) + "</w:tr>");
    });
    return '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="' + (MONTH_WIDTH + ITEMS_WIDTH) + '" w:type="dxa"/><w:jc w:val="center"/>' +
      '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="' + MONTH_WIDTH + '"/><w:gridCol w:w="' + ITEMS_WIDTH + '"/></w:tblGrid>' +
      lines.join("") + "</w:tbl>";
  }
  function body(blocks) {
    return blocks.map(function (block, index) {
      var next = blocks[index + 1], keep = Boolean(next && next.kind === "signature");
      if (block.kind === "title") return title(block.content) + paragraph("");
      if (block.kind === "heading") return paragraph(block.content, "Heading" + block.level);
      if (block.kind === "table") return schedule(block.content, keep);
      if (block.kind === "signature") {  // indents are set by centreSignature once the values are in
        return paragraph("", "Normal", true) + paragraph(block.content[0], "Signature", true, '<w:ind w:right="640"/>') +
          paragraph(block.content[1], "SignatureDate", false, '<w:ind w:right="640"/>');
      }
      return paragraph(block.content, "Normal", keep);
    }).join("");
  }
  function compose(template, blocks, values) {
    return rewrite(template, { body: body(blocks), title: blocks[0].content }, values);
  }

  window.UnionDocx = { fill: fill, compose: compose, inflate: inflate, deflate: deflate };
})();
