// Search: Pagefind's own UI in a dialog opened from Material's header, by the button or the / and s keys.
// Everything loads from this site: the Pagefind bundle and the Traditional → Simplified table.
(function () {
  "use strict";
  var dialog, ready, table = {}, groups = {}, terms = [], asked = [], pinyin = {};
  var NARROW = "(max-width: 44.9375em)";  // Material's phone and small-tablet width, as in extra.css

  function base() {
    var config = document.getElementById("__config");
    var root = config ? JSON.parse(config.textContent).base : ".";
    return new URL(root.replace(/\/?$/, "/"), location.href).href;
  }

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (key) { element[key] = attributes[key]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  // 職代會 → 职代会: the index is Simplified, so a Traditional query is converted character by character.
  function simplify(term) {
    return term.replace(/[\u3400-\u9fff]/g, function (c) { return table[c] || c; });
  }

  // A term the library knows (职代会, or its synonym 职工代表大会) is searched as its key (zt000), which every page
  // that uses the term carries once: the query cannot fall apart into single characters.
  function toKeys(query) {
    var text = fromPinyin(simplify(query));
    asked = (text.match(/\bz[tw]\d{3}\b/g) || []).filter(function (key, n, all) { return all.indexOf(key) === n; });
    terms.forEach(function (entry) {
      if (text.indexOf(entry.term) === -1) return;
      text = text.split(entry.term).join(" " + entry.key + " ");
      if (asked.indexOf(entry.key) === -1) asked.push(entry.key);
    });
    // What is left beside a known term is kept, except single characters (the 月 of 安全生产月), which match anything.
    if (asked.length) text = text.split(/\s+/).filter(function (part) { return !/^[\u3400-\u9fff]$/.test(part); }).join(" ");
    return text.replace(/\s+/g, " ").trim();
  }

  // Pinyin typed as letters, without an input method: songwennuan, song wen nuan or the initials swn stand for 送温暖.
  function fromPinyin(text) {
    var joined = text.replace(/\s+/g, "").toLowerCase();
    if (/^[a-z]+$/.test(joined) && pinyin[joined]) return pinyin[joined];
    return text.replace(/[A-Za-z]+/g, function (word) { return pinyin[word.toLowerCase()] ? " " + pinyin[word.toLowerCase()] + " " : word; });
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // 职工代表大会 inside 教职工代表大会 is another term: an excerpt marks whole terms only.
  function insideLonger(content, at, term) {
    return terms.some(function (other) {
      var offset = other.term.length > term.length ? other.term.indexOf(term) : -1;
      return offset !== -1 && content.substr(at - offset, other.term.length) === other.term;
    });
  }

  // The excerpt around the first place the page itself uses one of the asked terms, the term marked whole.
  function excerpt(content) {
    var keys = content.match(/\bz[tw]\d{3}\b/g), from = 0;
    if (keys) from = content.lastIndexOf(keys[keys.length - 1]) + keys[keys.length - 1].length;
    var best = -1, found = "";
    asked.forEach(function (key) {
      (groups[key] || []).forEach(function (term) {
        var at = content.indexOf(term, from);
        while (at !== -1 && insideLonger(content, at, term)) at = content.indexOf(term, at + 1);
        if (at !== -1 && (best === -1 || at < best)) { best = at; found = term; }
      });
    });
    if (best === -1) return null;
    var start = Math.max(from, best - 24), end = Math.min(content.length, best + found.length + 36);
    return (start > from ? "…" : "") + escapeHtml(content.slice(start, best)) + "<mark>" + escapeHtml(found) + "</mark>" +
      escapeHtml(content.slice(best + found.length, end)) + (end < content.length ? "…" : "");
  }

  // Pagefind joins a page's blocks with ". ": after a heading in Chinese it reads as a stray ASCII full stop.
  function tidy(text) {
    return text.replace(/([\u3400-\u9fff）”》】](?:<\/mark>)?)\. /g, "$1 ").replace(/^\s*\.\s*/, "");
  }

  function describe(result) {
    if (result.content) result.content = tidy(result.content);
    if (asked.length && result.content) {
      var text = excerpt(result.content);
      if (text) result.excerpt = text;
      // The key matched the page, not one of its sections: one entry standing for the page itself.
      result.sub_results = [{ title: result.meta.title, url: result.url, excerpt: result.excerpt, locations: [] }];
    }
    result.excerpt = tidy(result.excerpt || "");
    (result.sub_results || []).forEach(function (sub) { sub.excerpt = tidy(sub.excerpt || ""); });
    var filters = result.filters || {}, parts = (filters["类型"] || []).slice();
    if (filters["分类"]) parts = parts.concat(filters["分类"]);
    else if (filters["行业"]) parts = filters["行业"].concat(parts);
    if (parts.length) result.meta.title = result.meta.title + "（" + parts.join(" · ") + "）";
    return result;
  }

  var tables;
  function loadTables() {
    var root = base();
    tables = tables || Promise.all([
      fetch(root + "search/t2s.json").then(function (r) { return r.json(); }).then(function (t) { table = t; }),
      fetch(root + "search/pinyin.json").then(function (r) { return r.json(); }).then(function (p) { pinyin = p; }),
      fetch(root + "search/terms.json").then(function (r) { return r.json(); }).then(function (g) {
        groups = g;
        Object.keys(g).forEach(function (key) { g[key].forEach(function (term) { terms.push({ term: term, key: key }); }); });
        terms.sort(function (a, b) { return b.term.length - a.term.length; });  // 职工代表大会 before 职工
      })
    ]);
    return tables;
  }
  // The same query as the dialog's, for a page or a test that calls Pagefind's API directly.
  window.UnionSearch = { query: function (text) { return loadTables().then(function () { return toKeys(text); }); } };

  function start() {
    var root = base();
    return Promise.all([
      load("link", { rel: "stylesheet", href: root + "pagefind/pagefind-ui.css" }),
      load("script", { src: root + "pagefind/pagefind-ui.js" }),
      loadTables()
    ]).then(function () {
      new window.PagefindUI({
        element: "#unionplans-search",
        bundlePath: root + "pagefind/",
        baseUrl: new URL(root).pathname,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        autofocus: true,
        processTerm: toKeys,
        // Weights decide, not page length: a plan whose headings name the term outranks a short page that mentions it.
        ranking: { pageLength: 0, termSaturation: 2 },
        debounceTimeoutMs: 80,  // the index answers in a few milliseconds; the default 300 ms wait is most of the delay
        processResult: describe,
        // The whole hint where it fits; on a phone's narrow box a short one that is not cut off.
        translations: { placeholder: matchMedia(NARROW).matches ? "如：送温暖、职代会" : "搜索范本和段落，如：送温暖、职代会、女职工" }
      });
    });
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    if (location.protocol === "file:") {  // a browser loads no search index into pages opened from disk: say so
      dialog.querySelector("#unionplans-search").textContent = "从本机文件打开的网站不能检索。请在网站上检索，" +
        "或在这个文件夹里运行 python3 -m http.server 8000，再打开 http://127.0.0.1:8000/index.html 。";
      return;
    }
    // One UI, however quickly the dialog is opened again while it loads; a failed load may be retried.
    ready = ready || start().catch(function () { ready = null; });
    ready.then(function () {
      var input = dialog.querySelector("input");
      if (!input) return;
      input.setAttribute("aria-label", "搜索范本和段落");  // Pagefind's box has only a placeholder
      input.focus();
    });
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "unionplans-search";
    dialog.setAttribute("aria-label", "搜索");
    dialog.innerHTML = '<div class="unionplans-search__bar"><span>搜索范本和段落</span>' +
      '<button type="button" class="unionplans-search__filters" aria-expanded="false">筛选</button>' +
      '<button type="button" class="unionplans-search__close" aria-label="关闭">关闭</button></div>' +
      '<div id="unionplans-search"></div>';
    dialog.querySelector(".unionplans-search__close").addEventListener("click", function () { dialog.close(); });
    // On a phone the filters (行业, 类型, 分类) fold behind one button, so results fill the first screen.
    var filters = dialog.querySelector(".unionplans-search__filters");
    filters.addEventListener("click", function () {
      var open = dialog.classList.toggle("filters-open");
      filters.setAttribute("aria-expanded", String(open));
    });
    // While an input method composes (sanba on the way to 三八), Pagefind would search each letter and flash
    // "未找到 sanba 的相关结果": it hears the box only once the composition ends.
    dialog.addEventListener("input", function (event) {
      if (event.isComposing && event.target.classList.contains("pagefind-ui__search-input")) event.stopImmediatePropagation();
    }, true);
    dialog.addEventListener("compositionend", function (event) {
      if (event.target.classList.contains("pagefind-ui__search-input")) event.target.dispatchEvent(new Event("input", { bubbles: true }));
    });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    document.body.appendChild(dialog);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon unionplans-search__open";
    button.title = "搜索（/ 或 s）";
    button.setAttribute("aria-label", "搜索");
    button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>' +
      '<span class="unionplans-search__label">搜索</span>';
    button.addEventListener("click", open);
    var header = document.querySelector(".md-header__inner");
    if (header) header.appendChild(button);

    document.addEventListener("keydown", function (event) {
      var target = event.target, typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") {
        event.preventDefault();
        open();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build); else build();
})();
