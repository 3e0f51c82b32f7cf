// Reader tools: copy a section or the whole plan, fill in the placeholders once, take the values into Word.
// Maintainers' code only: contributed text reaches pages as escaped text and never as script.
(function () {
  "use strict";
  var STORE = "unionplans.values";
  var PLAN_TITLE = ".plan-title:not(.notice .plan-title)";  // a 工作要点's covering 通知 comes first and copies on its own

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function save(values) {
    try { localStorage.setItem(STORE, JSON.stringify(values)); } catch (e) { /* private mode: values last for this page */ }
  }

  // --- placeholders ---------------------------------------------------------------------------
  function applyValues(root, values) {
    root.querySelectorAll(".ph").forEach(function (span) {
      var value = values[span.dataset.ph];
      span.textContent = value ? value : "【" + span.dataset.ph + "】";
      span.classList.toggle("filled", Boolean(value));
    });
  }

  // The page's starting values (the edition's 【年度】, a term plan's 【学年】【学期】) under the reader's own:
  // a value the reader typed, or cleared (stored as ""), wins over the page's default.
  function effective(article, stored) {
    var values = {};
    article.querySelectorAll("input[data-ph][data-default]").forEach(function (input) {
      values[input.dataset.ph] = input.dataset.default;
    });
    Object.keys(stored).forEach(function (key) { values[key] = stored[key]; });
    return values;
  }

  // A value that already carries the unit the text adds after its placeholder (2027年 before 年工作计划, 12户
  // before 户在档, 2026—2027学年 before 学年) would print the unit twice: the unit after a number is dropped.
  var NUMBER_END = /[0-9０-９〇零一二三四五六七八九十百千万]$/;
  function repeatedUnit(root, name, value) {
    var found = "";
    root.querySelectorAll(".ph").forEach(function (span) {
      if (span.dataset.ph !== name) return;
      var next = span.nextSibling, after = next && next.nodeType === 3 ? next.textContent : "";
      for (var k = Math.min(4, after.length, value.length - 1); k > found.length; k--) {
        if (value.slice(-k) === after.slice(0, k) && NUMBER_END.test(value.slice(0, -k))) { found = after.slice(0, k); break; }
      }
    });
    return found;
  }

  // The values the page shows, copies and puts into Word; returns the units dropped, by placeholder.
  function resolve(article, stored, values) {
    var current = effective(article, stored), dropped = {};
    Object.keys(values).forEach(function (key) { delete values[key]; });
    Object.keys(current).forEach(function (key) {
      if (!current[key]) return;
      var unit = repeatedUnit(article, key, current[key]);
      values[key] = unit ? current[key].slice(0, -unit.length) : current[key];
      if (unit) dropped[key] = unit;
    });
    applyValues(article, values);
    return dropped;
  }

  function setUpPanel(article, stored, values) {
    var panel = article.querySelector(".fill-in");
    if (!panel) return;
    panel.hidden = false;
    var inputs = panel.querySelectorAll("input[data-ph]");
    inputs.forEach(function (input) {
      var note = document.createElement("small");
      note.className = "fill-note";
      note.setAttribute("aria-live", "polite");
      input.parentNode.appendChild(note);
    });
    function refresh() {
      var dropped = resolve(article, stored, values);
      inputs.forEach(function (input) {
        var unit = dropped[input.dataset.ph];
        input.parentNode.querySelector(".fill-note").textContent =
          unit ? "正文在这里已写“" + unit + "”，按“" + values[input.dataset.ph] + "”填入" : "";
      });
    }
    inputs.forEach(function (input) {
      input.value = effective(article, stored)[input.dataset.ph] || "";
      input.addEventListener("input", function () {
        stored[input.dataset.ph] = input.value.trim();
        save(stored);
        refresh();
      });
    });
    panel.querySelector(".fill-reset").addEventListener("click", function () {
      Object.keys(stored).forEach(function (key) { delete stored[key]; });
      save(stored);
      refresh();
      inputs.forEach(function (input) { input.value = values[input.dataset.ph] || ""; });
    });
    refresh();
  }

  // --- copying --------------------------------------------------------------------------------
  // Text as shown: numbering kept, no heading anchors, no buttons, no hidden characters.
  function textOf(nodes) {
    var box = document.createElement("div");
    box.className = "md-typeset copy-box";
    nodes.forEach(function (node) { box.appendChild(node.cloneNode(true)); });
    box.querySelectorAll(".headerlink, button, .copy-section, .reader-tools, .fill-in, .composer-controls").forEach(function (el) { el.remove(); });
    document.body.appendChild(box);
    var text = box.innerText;
    box.remove();
    return text.replace(/[\u200b\u200c\u200d\ufeff\u00ad]/g, "").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "已复制";
      button.classList.add("copied");
      setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  function copyButton(getNodes) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-section";
    button.textContent = "复制本节";
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () { copy(textOf(getNodes()), button); });
    return button;
  }

  // A level-1 section: its heading and everything up to the next level-1 heading or the signature.
  function sectionNodes(heading) {
    var nodes = [heading], node = heading.nextElementSibling;
    while (node && node.tagName !== "H2" && !node.classList.contains("signature")) {
      nodes.push(node);
      node = node.nextElementSibling;
    }
    return nodes;
  }

  function planNodes(article) {
    var start = article.querySelector(PLAN_TITLE), nodes = [], node = start;
    while (node) {
      nodes.push(node);
      if (node.classList.contains("signature")) break;
      node = node.nextElementSibling;
    }
    return nodes;
  }

  function setUpCopying(article) {
    var all = article.querySelector(".copy-all");
    if (article.querySelector(PLAN_TITLE)) {
      article.querySelectorAll(".plan-title ~ h2").forEach(function (heading) {
        heading.appendChild(copyButton(function () { return sectionNodes(heading); }));
      });
      if (all) {
        all.hidden = false;
        all.addEventListener("click", function () { copy(textOf(planNodes(article)), all); });
      }
    }
    article.querySelectorAll(".tabbed-block, .copy-block").forEach(function (block) {
      block.insertBefore(copyButton(function () { return Array.prototype.slice.call(block.children); }), block.firstChild);
    });
  }

  // --- printing ------------------------------------------------------------------------------------
  // A 工作要点's 通知 prints only when the reader has opened it. Material opens every <details> while printing,
  // so the reader's own choice is kept as a class, and the toggles that printing causes are ignored.
  function setUpPrinting(article) {
    var notice = article.querySelector("details.notice"), printing = false;
    if (!notice) return;
    notice.classList.toggle("shut", !notice.open);
    window.addEventListener("beforeprint", function () { printing = true; });
    window.addEventListener("afterprint", function () { printing = false; });
    notice.addEventListener("toggle", function () { if (!printing) notice.classList.toggle("shut", !notice.open); });
  }

  // --- Word file with the reader's values --------------------------------------------------------
  // The plan's file and a 工作要点's 印发通知 beside it take the same values.
  function setUpDownload(article, values) {
    if (!window.DecompressionStream) return;  // without it the plain files download as usual
    article.querySelectorAll("a.download, a.download-notice").forEach(function (link) { fillOnDownload(link, values); });
  }
  function fillOnDownload(link, values) {
    link.addEventListener("click", function (event) {
      if (!Object.keys(values).length) return;
      event.preventDefault();
      fetch(link.href).then(function (response) { return response.arrayBuffer(); })
        .then(function (buffer) { return window.UnionDocx.fill(new Uint8Array(buffer), values); })
        .then(function (bytes) { offer(bytes, fileName(link.dataset.name, values)); });
    });
  }

  // Hand a generated file to the browser as a download.
  function offer(bytes, name) {
    var blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  // 城东实验小学工会委员会-中小学校工会年度工作计划.docx: the reader's unit, then the plan.
  function fileName(plan, values) {
    var unit = values["工会名称"] || values["单位名称"] || "";
    var name = (unit ? unit + "-" : "") + plan;
    return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "").slice(0, 120) + ".docx";
  }

  function start() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    var stored = load(), values = {};
    resolve(article, stored, values);
    setUpPanel(article, stored, values);
    setUpCopying(article);
    setUpPrinting(article);
    setUpDownload(article, values);
    // For the composer, which writes its document after the page has loaded.
    window.UnionReader = {
      values: values,
      apply: function (root) { applyValues(root, values); },
      copyButton: copyButton, copy: copy, textOf: textOf,
      offer: function (bytes, plan) { offer(bytes, fileName(plan, values)); }
    };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
