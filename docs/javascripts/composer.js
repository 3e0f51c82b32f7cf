// The composer: a reader's own plan from the library's parts, in their sector's words.
// The build publishes each sector's items (compose/<sector>.json, every word already in the sector's terms and the
// edition's dates); this script only orders them, numbers them by the same rule as render.layout, and writes them
// out as a page, copied text or a Word file (through UnionDocx, in the layout the build uses for the plans).
(function () {
  "use strict";
  var STORE = "unionplans.composition", LAST_SECTOR = "unionplans.sector";
  var root, data = null, state = null, page = {};

  // --- numbering: render.chinese_number, render.number and render.layout ------------------------------------
  var DIGITS = "零一二三四五六七八九";
  function chinese(n) {
    if (n >= 100) return String(n);
    var tens = Math.floor(n / 10), ones = n % 10;
    return (tens === 0 ? "" : tens === 1 ? "十" : DIGITS[tens] + "十") + (ones || !tens ? DIGITS[ones] : "");
  }
  function number(level, n) {
    return { 1: chinese(n) + "、", 2: "（" + chinese(n) + "）", 3: n + ".", 4: "（" + n + "）" }[level];
  }
  function layout(item, level, n, out) {
    var label = n ? number(level, n) : "", texts = (item.p || []).slice();
    if (item.t && (level <= 2 || (level === 3 && !texts.length))) out.push({ kind: "heading", content: label + item.t, level: level });
    else if (item.t) texts = [texts.length ? label + item.t + "。" + texts[0] : label + item.t].concat(texts.slice(1));
    else if (texts.length) texts[0] = label + texts[0];
    texts.forEach(function (text) { out.push({ kind: "paragraph", content: text }); });
    if (item.table) out.push({ kind: "table", content: item.table });
    (item.c || []).forEach(function (child, index) { layout(child, level + 1, index + 1, out); });
    return out;
  }

  // --- the composition ---------------------------------------------------------------------------------------
  function paragraphs(text) {
    return String(text || "").split(/\n\s*\n|\n/).map(function (line) { return line.trim(); }).filter(Boolean);
  }
  function source(section) {
    if (section.snippet) return data.snippets[section.snippet] ? data.snippets[section.snippet].item : null;
    if (section.plan) {
      var plan = data.plans[section.plan[0]];
      return plan && plan.sections[section.plan[1]] ? plan.sections[section.plan[1]].item : null;
    }
    return { t: section.title || "新的部分" };
  }
  // A section as an item: its source, the reader's title, the children the reader kept in their order, their text.
  function resolve(section) {
    var item = source(section);
    if (!item) return null;
    var children = item.c || [], order = section.order || children.map(function (_, i) { return i; });
    return {
      t: section.title || item.t,
      p: (item.p || []).concat(paragraphs(section.text)),
      c: order.filter(function (i) { return children[i]; }).map(function (i) { return children[i]; })
    };
  }
  function items() {
    var list = [], missing = [];
    state.sections.forEach(function (section, index) {
      var item = resolve(section);
      if (item) list.push({ item: item, index: index }); else missing.push(section.snippet || String(section.plan));
    });
    if (state.schedule) {
      var at = Math.min(state.scheduleAt == null ? list.length : state.scheduleAt, list.length);
      list.splice(at, 0, { item: { t: state.scheduleTitle || "月度工作安排", table: state.schedule }, schedule: true });
    }
    return { list: list, missing: missing };
  }
  function blocks(list) {
    var out = [{ kind: "title", content: state.title }];
    paragraphs(state.preamble).forEach(function (text) { out.push({ kind: "paragraph", content: text }); });
    list.forEach(function (entry, n) { entry.start = out.length; layout(entry.item, 1, n + 1, out); entry.end = out.length; });
    out.push({ kind: "signature", content: ["【工会名称】", "【日期】"] });
    return out;
  }

  // --- starting points -------------------------------------------------------------------------------------
  var PART_TITLES = { "目标": "工作目标", "组织": "组织机构", "表彰": "评比表彰" };
  function fromPlan(planId) {
    var plan = data.plans[planId];
    return {
      v: 1, sector: data.sector.id, type: plan.type, title: plan.title, preamble: plan.preamble, from: planId,
      sections: plan.sections.map(function (section, n) { return { plan: [planId, n] }; }),
      scheduleTitle: plan.scheduleTitle, schedule: plan.schedule.length ? plan.schedule : null,
      scheduleAt: plan.sections.filter(function (s) { return !/保障/.test(s.item.t || ""); }).length
    };
  }
  function emptyOutline(type) {
    var kind = data.types[type], sections = kind.parts.map(function (part) { return { title: PART_TITLES[part] || part }; });
    if (kind.requires.indexOf("safeguards") !== -1) sections.push({ title: "保障措施" });
    var title = { term: "【工会名称】【学期】工作计划", "key-points": "【工会名称】【年度】年工作要点", special: "【工会名称】【年度】年专项工作计划" }[type]
      || "【工会名称】【年度】年工作计划";
    return {
      v: 1, sector: data.sector.id, type: type, title: title, preamble: "", sections: sections, scheduleTitle: "月度工作安排",
      schedule: kind.requires.indexOf("schedule") !== -1 ? calendarRows() : null,
      scheduleAt: sections.length - (kind.requires.indexOf("safeguards") !== -1 ? 1 : 0)
    };
  }
  function calendarRows() {
    var order = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], rows = [];
    order.forEach(function (month) {
      var entries = data.calendar.filter(function (e) { return e[0] === month; }).map(function (e) { return e[1]; });
      if (entries.length) rows.push([month + "月", entries]);
    });
    return rows;
  }

  // --- keeping and sharing: localStorage, and the address (#c=: JSON, deflate-raw, base64url) ----------------------
  function encode(value) {
    return window.UnionDocx.deflate(new TextEncoder().encode(JSON.stringify(value))).then(function (bytes) {
      var text = "";
      bytes.forEach(function (b) { text += String.fromCharCode(b); });
      return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    });
  }
  function decode(text) {
    var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/")), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return window.UnionDocx.inflate(bytes).then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  }
  function keep() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); localStorage.setItem(LAST_SECTOR, state.sector); } catch (e) { /* private mode */ }
    return encode(state).then(function (code) { history.replaceState(null, "", "#c=" + code); });
  }

  // --- writing the document ----------------------------------------------------------------------------------
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text != null) node.textContent = text;
    return node;
  }
  // Text with each 【placeholder】 as a span the fill-in panel finds, as on the plan pages.
  function rich(node, text) {
    text.split(/(【[^【】]+】)/).filter(Boolean).forEach(function (part) {
      var name = /^【([^【】]+)】$/.exec(part);
      node.appendChild(name ? el("span", { "class": "ph", "data-ph": name[1] }, part) : document.createTextNode(part));
    });
    return node;
  }
  function blockNode(block) {
    if (block.kind === "title") return rich(el("p", { "class": "plan-title" }), block.content);
    if (block.kind === "heading") return rich(el("h" + (block.level + 1)), block.content);
    if (block.kind === "signature") {
      var signature = el("p", { "class": "signature" });
      rich(signature, block.content[0]); signature.appendChild(el("br")); rich(signature, block.content[1]);
      return signature;
    }
    if (block.kind === "table") {
      var table = el("table"), head = el("tr");
      head.appendChild(el("th", {}, "月份")); head.appendChild(el("th", {}, "工作安排"));
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      block.content.forEach(function (row) {
        var tr = body.appendChild(el("tr")), cell = el("td");
        tr.appendChild(el("td", {}, row[0]));
        row[1].forEach(function (text, n) { if (n) cell.appendChild(el("br")); rich(cell, (n + 1) + "." + text); });
        tr.appendChild(cell);
      });
      return table;
    }
    return rich(el("p"), block.content);
  }
  function button(label, action, name) {
    var node = el("button", { type: "button", "class": "composer-button", "aria-label": name || label }, label);
    node.addEventListener("click", action);
    return node;
  }
  function change(message) {
    render();
    announce(message);
    keep();
  }
  function announce(message) { if (message) page.status.textContent = message; }
  function move(list, from, to) { if (to < 0 || to >= list.length) return false; list.splice(to, 0, list.splice(from, 1)[0]); return true; }

  function sectionControls(entry, position, count) {
    var box = el("div", { "class": "composer-controls", role: "group", "aria-label": "调整：" + entry.item.t });
    if (entry.schedule) return scheduleControls(box, position, count);
    var section = state.sections[entry.index], name = entry.item.t;
    box.appendChild(button("上移", function () { if (moveSection(entry, -1)) change("已上移：" + name); }, "上移：" + name));
    box.appendChild(button("下移", function () { if (moveSection(entry, 1)) change("已下移：" + name); }, "下移：" + name));
    box.appendChild(button("删去", function () { state.sections.splice(entry.index, 1); shiftSchedule(entry.index); change("已删去：" + name); }, "删去：" + name));
    box.appendChild(button("改标题", function () {
      var title = window.prompt("这一部分的标题", name);
      if (title && title.trim()) { section.title = title.trim(); change("标题已改为：" + section.title); }
    }, "改标题：" + name));
    var label = el("label", {}, "补充文字 ");
    var area = label.appendChild(el("textarea", { rows: "2", "class": "composer-text" }));
    area.value = section.text || "";
    area.addEventListener("change", function () { section.text = area.value; change("已更新：" + name); });
    box.appendChild(label);
    var origin = source(section);
    if (origin && (origin.c || []).length) box.appendChild(childControls(section, origin, name));
    return box;
  }
  function childControls(section, item, name) {
    var list = el("ol", { "class": "composer-children", "aria-label": name + "的条目" });
    var order = section.order || item.c.map(function (_, i) { return i; });
    order.forEach(function (childIndex, at) {
      var child = item.c[childIndex], title = child.t || (child.p && child.p[0] || "").slice(0, 18) + "……";
      var li = list.appendChild(el("li", {}, title + " "));
      li.appendChild(button("上移", function () { var o = order.slice(); if (move(o, at, at - 1)) { section.order = o; change("已上移：" + title); } }, "上移条目：" + title));
      li.appendChild(button("下移", function () { var o = order.slice(); if (move(o, at, at + 1)) { section.order = o; change("已下移：" + title); } }, "下移条目：" + title));
      li.appendChild(button("删去", function () { var o = order.slice(); o.splice(at, 1); section.order = o; change("已删去条目：" + title); }, "删去条目：" + title));
    });
    return list;
  }
  // Sections and the schedule share one order; the schedule's place is kept as scheduleAt (a position among sections).
  function moveSection(entry, step) {
    var list = items().list, from = list.indexOf(list.filter(function (e) { return e.index === entry.index && !e.schedule; })[0]);
    var to = from + step;
    if (to < 0 || to >= list.length) return false;
    if (list[to].schedule) { state.scheduleAt += step > 0 ? -1 : 1; return true; }
    move(state.sections, entry.index, list[to].index);
    return true;
  }
  function shiftSchedule(removed) {
    if (state.schedule && state.scheduleAt > removed) state.scheduleAt -= 1;
  }
  function scheduleControls(box, position) {
    box.appendChild(button("上移", function () { if (state.scheduleAt > 0) { state.scheduleAt -= 1; change("已上移：月度工作安排"); } }, "上移：月度工作安排"));
    box.appendChild(button("下移", function () { if (state.scheduleAt < state.sections.length) { state.scheduleAt += 1; change("已下移：月度工作安排"); } }, "下移：月度工作安排"));
    box.appendChild(button("删去", function () { state.schedule = null; change("已删去：月度工作安排"); }, "删去：月度工作安排"));
    box.appendChild(button("按工会工作日历重排", function () { state.schedule = calendarRows(); change("逐月安排已按" + data.year + "年的工会工作日历生成"); }));
    state.schedule.forEach(function (row, n) {
      var label = el("label", { "class": "composer-row" }, row[0] + " ");
      var area = label.appendChild(el("textarea", { rows: String(Math.max(2, row[1].length)) }));
      area.value = row[1].join("\n");
      area.addEventListener("change", function () { row[1] = paragraphs(area.value); change("已更新：" + row[0]); });
      label.appendChild(button("删去这一月", function () { state.schedule.splice(n, 1); change("已删去：" + row[0]); }, "删去：" + row[0]));
      box.appendChild(label);
    });
    box.appendChild(button("加一个月", function () {
      var month = window.prompt("月份（1 到 12）", "");
      if (/^(1[0-2]|[1-9])$/.test((month || "").trim())) { state.schedule.push([month.trim() + "月", []]); change("已加入：" + month.trim() + "月"); }
    }));
    return box;
  }

  function warnings(list) {
    var kind = data.types[state.type], titles = list.map(function (e) { return e.item.t || ""; }), found = [];
    kind.parts.forEach(function (part) {
      if (!titles.some(function (t) { return t.indexOf(part) !== -1; })) found.push(kind.name + "要有标题含“" + part + "”的部分。");
    });
    if (kind.requires.indexOf("schedule") !== -1 && !state.schedule) found.push(kind.name + "要有月度工作安排：可以按工会工作日历重新生成。");
    if (kind.requires.indexOf("safeguards") !== -1 && !titles.some(function (t) { return /保障/.test(t); })) found.push(kind.name + "要有保障措施。");
    return found;
  }

  function render() {
    var result = items(), list = result.list, all = blocks(list), doc = page.document;
    doc.textContent = "";
    doc.appendChild(blockNode(all[0]));
    var preamble = el("div", { "class": "composer-controls" }), area = el("textarea", { rows: "3", "aria-label": "前言" });
    area.value = state.preamble || "";
    area.addEventListener("change", function () { state.preamble = area.value; change("前言已更新"); });
    var titleInput = el("input", { "aria-label": "计划标题", value: state.title });
    titleInput.addEventListener("change", function () { state.title = titleInput.value.trim() || state.title; change("标题已更新"); });
    preamble.appendChild(el("label", {}, "标题 ")).appendChild(titleInput);
    preamble.appendChild(el("label", {}, "前言 ")).appendChild(area);
    doc.appendChild(preamble);
    all.slice(1).forEach(function (block, at) {
      var node = doc.appendChild(blockNode(block)), index = at + 1;
      list.forEach(function (entry, position) {
        if (entry.start === index && block.kind === "heading") {
          node.appendChild(window.UnionReader.copyButton(function () { return sectionNodes(node); }));
          doc.appendChild(sectionControls(entry, position, list.length));
        }
      });
    });
    window.UnionReader.apply(doc);
    page.warnings.textContent = "";
    warnings(list).concat(result.missing.map(function (id) { return "段落“" + id + "”已不在库中，这一部分没有载入；其余部分照常。"; }))
      .forEach(function (text) { page.warnings.appendChild(el("li", {}, text)); });
    page.blocks = all;
  }
  function sectionNodes(heading) {
    var nodes = [heading], node = heading.nextElementSibling;
    while (node && node.tagName !== "H2" && !node.classList.contains("signature")) { nodes.push(node); node = node.nextElementSibling; }
    return nodes;
  }
  function documentNodes() {
    return Array.prototype.filter.call(page.document.children, function (node) { return !node.classList.contains("composer-controls"); });
  }

  // --- the snippet library -------------------------------------------------------------------------------------
  function showLibrary() {
    var category = page.category.value, words = page.search.value.trim();
    page.snippets.textContent = "";
    Object.keys(data.snippets).filter(function (id) {
      var snippet = data.snippets[id], text = snippet.item.t + snippet.summary;
      return (!category || snippet.category === category) && (!words || text.indexOf(words) !== -1);
    }).slice(0, 60).forEach(function (id) {
      var snippet = data.snippets[id], li = page.snippets.appendChild(el("li"));
      li.appendChild(el("strong", {}, snippet.item.t));
      li.appendChild(document.createTextNode(" " + snippet.summary + " "));
      li.appendChild(button("加入", function () { add(id); }, "加入：" + snippet.item.t));
    });
  }
  function add(id) {
    // A new part goes before the safeguards (and the schedule, when it stands before them).
    var safeguards = state.sections.findIndex(function (s) { var item = source(s); return item && /保障/.test(s.title || item.t || ""); });
    var at = safeguards === -1 ? state.sections.length : safeguards;
    if (state.schedule && state.scheduleAt <= at) at = state.scheduleAt;
    state.sections.splice(at, 0, { snippet: id });
    if (state.schedule && state.scheduleAt >= at) state.scheduleAt += 1;
    change("已加入：" + data.snippets[id].item.t);
  }

  // --- loading ------------------------------------------------------------------------------------------------
  function loadSector(sectorId) {
    return fetch(root + "compose/" + sectorId + ".json").then(function (r) { return r.json(); }).then(function (d) {
      data = d;
      page.plan.textContent = "";
      Object.keys(d.plans).forEach(function (id) { page.plan.appendChild(el("option", { value: id }, d.plans[id].name)); });
      page.category.textContent = "";
      page.category.appendChild(el("option", { value: "" }, "全部分类"));
      Object.keys(d.categories).forEach(function (id) { page.category.appendChild(el("option", { value: id }, d.categories[id])); });
      page.form.sector.value = sectorId;
      showLibrary();
    });
  }
  function open(composition, message) {
    return loadSector(composition.sector).then(function () {
      state = composition;
      page.form.type.value = state.type;
      if (state.from) page.plan.value = state.from;
      page.library.hidden = false;
      ["composer-download", "composer-print", "copy-all"].forEach(function (name) {
        var node = document.querySelector("." + name);
        if (node) node.hidden = false;
      });
      change(message);
    });
  }
  function catalog() { return fetch(root + "catalog.json").then(function (r) { return r.json(); }); }
  function fromAddress() {
    var hash = location.hash.slice(1), parts = {};
    hash.split("&").forEach(function (pair) { var kv = pair.split("="); if (kv[1]) parts[kv[0]] = decodeURIComponent(kv[1]); });
    if (parts.c) return decode(parts.c).then(function (c) { return open(c, "已载入分享的组合。"); });
    if (parts.plan) {
      return catalog().then(function (cat) {
        var plan = cat.plans.filter(function (p) { return p.id === parts.plan; })[0];
        if (!plan) { announce("没有找到范本“" + parts.plan + "”。"); return null; }
        return loadSector(plan.sector).then(function () { return open(fromPlan(plan.id), "已载入范本：" + plan.name); });
      });
    }
    if (parts.snippet) {
      return catalog().then(function (cat) {
        var snippet = cat.snippets.filter(function (s) { return s.id === parts.snippet; })[0];
        if (!snippet) { announce("没有找到段落“" + parts.snippet + "”。"); return null; }
        var last = localStorage.getItem(LAST_SECTOR), sector = snippet.sectors.indexOf(last) !== -1 ? last : snippet.sectors[0];
        return loadSector(sector).then(function () {
          var saved = JSON.parse(localStorage.getItem(STORE) || "null");
          return open(saved && saved.sector === sector ? saved : emptyOutline("annual"), "").then(function () { add(snippet.id); });
        });
      });
    }
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
    if (saved) return open(saved, "已恢复上次的组合。");
    return loadSector(page.form.sector.value);
  }

  function start() {
    var box = document.querySelector(".composer");
    if (!box) return;
    var config = document.getElementById("__config");
    root = new URL((config ? JSON.parse(config.textContent).base : "..").replace(/\/?$/, "/"), location.href).href;
    page = {
      form: box.querySelector(".composer-start"), status: box.querySelector(".composer-status"),
      warnings: box.querySelector(".composer-warnings"), document: document.querySelector(".composer-document"),
      library: document.querySelector(".composer-library"), category: document.querySelector(".composer-category"),
      search: document.querySelector(".composer-search"), snippets: document.querySelector(".composer-snippets")
    };
    page.plan = page.form.querySelector("select[name=plan]");
    page.form.hidden = false;
    page.form.sector.addEventListener("change", function () { loadSector(page.form.sector.value); });
    page.form.addEventListener("submit", function (event) {
      event.preventDefault();
      open(emptyOutline(page.form.type.value), "已按“" + data.types[page.form.type.value].name + "”生成空白提纲。");
    });
    page.form.querySelector("[name=from-plan]").addEventListener("click", function () {
      if (page.plan.value) open(fromPlan(page.plan.value), "已载入范本：" + data.plans[page.plan.value].name);
    });
    page.category.addEventListener("change", showLibrary);
    page.search.addEventListener("input", showLibrary);
    var copyAll = document.querySelector(".copy-all");
    if (copyAll) copyAll.addEventListener("click", function () { window.UnionReader.copy(window.UnionReader.textOf(documentNodes()), copyAll); });
    document.querySelector(".composer-print").addEventListener("click", function () { window.print(); });
    document.querySelector(".composer-download").addEventListener("click", function () {
      fetch(root + "compose/template.docx").then(function (r) { return r.arrayBuffer(); })
        .then(function (template) { return window.UnionDocx.compose(new Uint8Array(template), page.blocks, window.UnionReader.values); })
        .then(function (bytes) { window.UnionReader.offer(bytes, data.sector.name + data.types[state.type].name); });
    });
    fromAddress();
  }

  // After reader.js has set up the fill-in panel and UnionReader (it runs on DOMContentLoaded).
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
