// The composer: a reader's own plan from the library's parts, in their sector's words.
// The build publishes each sector's items (compose/<sector>.json, every word already in the sector's terms and the
// edition's dates); this script only orders them, numbers them by the same rule as render.layout, and writes them
// out as a page, copied text or a Word file (through UnionDocx, in the layout the build uses for the plans).
(function () {
  "use strict";
  // The reader's compositions, newest first: opening a link or a new start never overwrites one (see remember).
  var SLOTS = "unionplans.compositions", OLD_STORE = "unionplans.composition", LAST_SECTOR = "unionplans.sector";
  var MAX_SLOTS = 8;
  // What a shared address may cost: its length, its size once inflated, and the size of what it describes.
  var LIMITS = { link: 16000, json: 262144, sections: 100, order: 200, rows: 24, entries: 60, text: 20000, line: 300 };
  var SHARE_BUDGET = 2000;  // characters a chat app carries whole
  var root, data = null, state = null, meta = {}, page = {};

  function own(object, key) { return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined; }

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
  function layout(item, level, n, out, runIn) {
    var label = n ? number(level, n) : "", texts = (item.p || []).slice();
    if (item.t && (level <= 2 || (level === 3 && !texts.length && !runIn))) out.push({ kind: "heading", content: label + item.t, level: level });
    else if (item.t) texts = [texts.length ? label + item.t + "。" + texts[0] : label + item.t + (runIn ? "。" : "")].concat(texts.slice(1));
    else if (texts.length) texts[0] = label + texts[0];
    texts.forEach(function (text) { out.push({ kind: "paragraph", content: text }); });
    if (item.table) out.push({ kind: "table", content: item.table });
    // A lone untitled item (one measure under a heading) takes no number: a list of one is no list.
    var lone = (item.c || []).length === 1 && !item.c[0].t;
    // A level-3 title with no text is a heading line, unless a sibling runs into its text: one list, one form.
    var siblingsRunIn = (item.c || []).some(function (child) { return child.t && (child.p || []).length; });
    (item.c || []).forEach(function (child, index) { layout(child, level + 1, lone ? 0 : index + 1, out, siblingsRunIn); });
    return out;
  }

  // --- the composition ---------------------------------------------------------------------------------------
  function paragraphs(text) {
    return String(text || "").split(/\n\s*\n|\n/).map(function (line) { return line.trim(); }).filter(Boolean);
  }
  function planSection(section) {
    var plan = own(data.plans, section.plan[0]);
    return plan ? plan.sections[section.plan[1]] : undefined;
  }
  function source(section) {
    if (section.snippet) { var snippet = own(data.snippets, section.snippet); return snippet ? snippet.item : null; }
    if (section.plan) { var part = planSection(section); return part ? part.item : null; }
    return { t: section.title || "新的部分" };
  }
  function snippetOf(section) { return section.snippet || (section.plan && (planSection(section) || {}).snippet) || ""; }
  // The safeguards are known by their place in the model plan or the outline, never by words in a title.
  function isSafeguards(section) { return section.part === "safeguards" || Boolean(section.plan && (planSection(section) || {}).safeguards); }
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
  // Sections and the schedule in reading order; the schedule's place is kept as scheduleAt (a position among sections).
  function sequence() {
    var list = state.sections.map(function (section, index) { return { section: section, index: index }; });
    if (state.schedule) list.splice(Math.min(state.scheduleAt == null ? list.length : state.scheduleAt, list.length), 0, { schedule: true });
    return list;
  }
  function items() {
    var list = [], missing = [];
    sequence().forEach(function (entry) {
      if (entry.schedule) { list.push({ item: { t: state.scheduleTitle || "月度工作安排", table: state.schedule }, schedule: true }); return; }
      var item = resolve(entry.section);
      if (item) list.push({ item: item, index: entry.index, section: entry.section });
      else missing.push(entry.section.snippet ? "段落“" + entry.section.snippet + "”" : "范本“" + entry.section.plan[0] + "”的第 " + (entry.section.plan[1] + 1) + " 部分");
    });
    return { list: list, missing: missing };
  }
  function blocks(list) {
    var out = [{ kind: "title", content: state.title }];
    paragraphs(state.preamble).forEach(function (text) { out.push({ kind: "paragraph", content: text }); });
    list.forEach(function (entry, n) { entry.start = out.length; entry.label = number(1, n + 1); layout(entry.item, 1, n + 1, out); });
    out.push({ kind: "signature", content: ["【工会名称】", "【日期】"] });
    return out;
  }
  // A new section at a place in the reading order (0 = first); the schedule keeps its place among the rest.
  function insertAt(section, place) {
    var at = place, scheduled = state.schedule ? Math.min(state.scheduleAt == null ? state.sections.length : state.scheduleAt, state.sections.length) : -1;
    if (scheduled !== -1 && place > scheduled) at = place - 1;
    state.sections.splice(at, 0, section);
    if (scheduled !== -1 && place <= scheduled) state.scheduleAt = scheduled + 1;
  }
  // The plan type's order of parts: the opening parts and the reader's own, then the schedule and the safeguards
  // (plan_types.yml's requires); a new section goes after the last part that is neither.
  function defaultPlace() {
    var list = sequence(), place = list.length;
    while (place > 0 && (list[place - 1].schedule || isSafeguards(list[place - 1].section))) place -= 1;
    return place;
  }

  // --- starting points -------------------------------------------------------------------------------------
  var PART_TITLES = { "目标": "工作目标", "组织": "组织机构", "表彰": "评比表彰" };
  function fromPlan(planId) {
    var plan = data.plans[planId];
    return {
      v: 1, sector: data.sector.id, type: plan.type, title: plan.title, preamble: plan.preamble, from: planId,
      sections: plan.sections.map(function (section, n) { return { plan: [planId, n] }; }),
      scheduleTitle: plan.scheduleTitle, schedule: plan.schedule.length ? plan.schedule : null,
      scheduleAt: plan.sections.filter(function (s) { return !s.safeguards; }).length
    };
  }
  function emptyOutline(type) {
    var kind = data.types[type], sections = kind.parts.map(function (part) { return { title: PART_TITLES[part] || part }; });
    if (kind.requires.indexOf("safeguards") !== -1) sections.push({ title: "保障措施", part: "safeguards" });
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

  // --- checking what comes in: a link, a saved composition ------------------------------------------------
  // Whatever an address or the browser's storage holds is rebuilt field by field from what the composer knows,
  // so a crafted value (an unknown type, a sector that is no file, a huge list) gets a message, never an error.
  function refuse(why) { var error = new Error(why); error.reader = true; throw error; }
  function text(value, limit, what) {
    if (value == null) return "";
    if (typeof value !== "string" || value.length > limit) refuse(what + "应当是不超过 " + limit + " 个字的文字");
    return value;
  }
  function whole(value, what) {
    if (!Number.isInteger(value) || value < 0 || value > 9999) refuse(what + "应当是一个序号");
    return value;
  }
  function list(value, limit, what) {
    if (!Array.isArray(value) || value.length > limit) refuse(what + "应当是不超过 " + limit + " 项的列表");
    return value;
  }
  function record(value, what) {
    if (!value || typeof value !== "object" || Array.isArray(value)) refuse(what + "的格式不对");
    return value;
  }
  function knownSector(id) {
    return typeof id === "string" && Array.prototype.some.call(page.form.sector.options, function (o) { return o.value === id; });
  }
  function clean(value) {
    record(value, "组合");
    if (value.sector !== data.sector.id) refuse("行业不符");
    if (typeof value.type !== "string" || !own(data.types, value.type)) refuse("范本类型“" + String(value.type).slice(0, 30) + "”不存在");
    var sections = list(value.sections, LIMITS.sections, "各部分").map(cleanSection);
    var schedule = value.schedule == null ? null : list(value.schedule, LIMITS.rows, "逐月安排").map(function (row) {
      list(row, 2, "逐月安排的一行");
      return [text(row[0], 12, "月份"), list(row[1], LIMITS.entries, "一个月的安排").map(function (entry) { return text(entry, LIMITS.text, "一条安排"); })];
    });
    var at = value.scheduleAt == null ? sections.length : whole(value.scheduleAt, "月度工作安排的位置");
    return {
      v: 1, sector: data.sector.id, type: value.type, title: text(value.title, LIMITS.line, "标题"),
      preamble: text(value.preamble, LIMITS.text, "前言"), from: own(data.plans, value.from) ? value.from : undefined,
      sections: sections, scheduleTitle: text(value.scheduleTitle, LIMITS.line, "逐月安排的标题") || "月度工作安排",
      schedule: schedule, scheduleAt: Math.min(at, sections.length)
    };
  }
  function cleanSection(value) {
    record(value, "一个部分");
    var section = {};
    if (value.snippet != null) section.snippet = text(value.snippet, LIMITS.line, "段落编号");
    else if (value.plan != null) section.plan = [text(list(value.plan, 2, "范本的部分")[0], LIMITS.line, "范本编号"), whole(value.plan[1], "部分的序号")];
    if (value.title) section.title = text(value.title, LIMITS.line, "部分的标题");
    if (value.text) section.text = text(value.text, LIMITS.text, "补充文字");
    if (value.order != null) {
      var order = list(value.order, LIMITS.order, "条目的顺序").map(function (i) { return whole(i, "条目的序号"); });
      section.order = order.filter(function (i, n) { return order.indexOf(i) === n; });
    }
    if (value.part === "safeguards") section.part = "safeguards";
    return section;
  }

  // --- the shared address (#c=): version 2 keeps only what differs from the model plan it started from ----------
  // {v:2, s sector, y type, f model plan, t title, p preamble, h schedule title, a schedule's place, S sections,
  // M rows}: a field left out is the model plan's. A section is the plan's part n as a number, a snippet as its id,
  // or {n|q|k, t, x, o, r}; a month row the plan's row n as a number. Version 1 (the whole composition) still opens.
  function canon(value) {
    return JSON.stringify(value, function (key, v) {
      return v && typeof v === "object" && !Array.isArray(v)
        ? Object.keys(v).sort().reduce(function (o, k) { o[k] = v[k]; return o; }, {}) : v;
    });
  }
  var FIELDS = [["title", "t"], ["preamble", "p"], ["scheduleTitle", "h"], ["scheduleAt", "a"]];
  function pack(s) {
    var base = s.from ? fromPlan(s.from) : null, out = { v: 2, s: s.sector, y: s.type, f: s.from };
    FIELDS.forEach(function (pair) { if (!base || s[pair[0]] !== base[pair[0]]) out[pair[1]] = s[pair[0]]; });
    if (!base || canon(s.sections) !== canon(base.sections)) out.S = s.sections.map(function (section) { return packSection(section, s.from); });
    if (!base || canon(s.schedule) !== canon(base.schedule)) {
      var rows = (base && base.schedule || []).map(canon);
      out.M = s.schedule && s.schedule.map(function (row) { var n = rows.indexOf(canon(row)); return n === -1 ? row : n; });
    }
    return out;
  }
  function packSection(section, from) {
    var ours = section.plan && section.plan[0] === from, alone = Object.keys(section).length === 1;
    if (ours && alone) return section.plan[1];
    if (section.snippet && alone) return section.snippet;
    return { n: ours ? section.plan[1] : undefined, q: section.plan && !ours ? section.plan : undefined, k: section.snippet,
             t: section.title, x: section.text, o: section.order, r: section.part };
  }
  function unpack(c) {
    var from = typeof c.f === "string" ? c.f : undefined, base = from && own(data.plans, from) ? fromPlan(from) : {};
    var composition = { sector: c.s, type: c.y, from: from };
    FIELDS.forEach(function (pair) { composition[pair[0]] = own(c, pair[1]) !== undefined ? c[pair[1]] : base[pair[0]]; });
    composition.sections = own(c, "S") !== undefined ? list(c.S, LIMITS.sections, "各部分").map(function (s) {
      if (typeof s === "number") return { plan: [from, s] };
      if (typeof s === "string") return { snippet: s };
      record(s, "一个部分");
      return { plan: s.n != null ? [from, s.n] : s.q, snippet: s.k, title: s.t, text: s.x, order: s.o, part: s.r };
    }) : base.sections || [];
    composition.schedule = own(c, "M") !== undefined ? c.M && list(c.M, LIMITS.rows, "逐月安排").map(function (row) {
      return typeof row === "number" ? (base.schedule || [])[row] : row;
    }) : base.schedule;
    return composition;
  }

  // JSON, deflate-raw (the site's Word code), base64url; read back within LIMITS so a hostile link costs little.
  function encode(value) {
    return window.UnionDocx.deflate(new TextEncoder().encode(JSON.stringify(value))).then(function (bytes) {
      var binary = "";
      bytes.forEach(function (b) { binary += String.fromCharCode(b); });
      return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    });
  }
  function inflate(bytes, limit) {
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader(), parts = [], size = 0;
    function next() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return new Blob(parts).arrayBuffer();
        size += chunk.value.length;
        if (size > limit) { reader.cancel(); refuse("解开后超过 " + Math.round(limit / 1024) + " KB，不像是这个页面生成的地址"); }
        parts.push(chunk.value);
        return next();
      });
    }
    return next();
  }
  function decode(code) {
    return Promise.resolve().then(function () {
      if (code.length > LIMITS.link) refuse("地址太长（" + code.length + " 个字符，最多 " + LIMITS.link + " 个）");
      if (!/^[A-Za-z0-9_-]+$/.test(code) || code.length % 4 === 1) refuse("编码里有不该出现的字符或缺了一截");
      var binary = atob(code.replace(/-/g, "+").replace(/_/g, "/")), bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return inflate(bytes, LIMITS.json);
    }).then(function (buffer) { return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(buffer)); });
  }
  // Why a link or a saved composition did not open, in words: our own refusals say why, the rest is a cut or damaged code.
  function reason(error) { return error && error.reader ? error.message : "编码不完整或已损坏，可能在转发时被截断"; }

  // --- the reader's compositions in this browser: a few slots, newest first --------------------------------
  function readSlots() {
    var slots = [];
    try { slots = JSON.parse(localStorage.getItem(SLOTS) || "[]"); } catch (e) { slots = []; }
    slots = (Array.isArray(slots) ? slots : []).filter(function (s) { return s && typeof s === "object" && s.state && typeof s.state === "object"; });
    if (!slots.length) {
      try {
        var old = JSON.parse(localStorage.getItem(OLD_STORE) || "null");
        if (old && typeof old === "object") slots = [{ state: old, label: "上次的组合", at: 0 }];
      } catch (e) { /* nothing kept */ }
    }
    return slots;
  }
  function writeSlots(slots) {
    try {
      localStorage.setItem(SLOTS, JSON.stringify(slots.slice(0, MAX_SLOTS)));
      localStorage.removeItem(OLD_STORE);
    } catch (e) { /* private mode: the address still holds the composition */ }
  }
  // Put a composition in front: an equal one already kept moves there; a new one joins, the others stay to restore.
  function remember(composition, info) {
    var slots = readSlots(), key = canon(composition), found = -1;
    slots.forEach(function (slot, n) { if (found === -1 && canon(slot.state) === key) found = n; });
    var slot = found === -1 ? { label: info.label, shared: Boolean(info.shared) } : slots.splice(found, 1)[0];
    slot.state = composition;
    slot.at = Date.now();
    slots.unshift(slot);
    writeSlots(slots);
    meta = slot;
    return found === -1 && slots.length > 1;
  }
  function keep() {
    var slots = readSlots();
    meta.shared = false;  // edited: from now on the reader's own
    slots[0] = { state: state, label: meta.label, shared: false, at: Date.now() };
    writeSlots(slots);
    try { localStorage.setItem(LAST_SECTOR, state.sector); } catch (e) { /* private mode */ }
    return showAddress();
  }
  function showAddress() {
    return encode(pack(state)).then(function (code) { history.replaceState(null, "", "#c=" + code); return code; });
  }
  function restoredMessage(slot) {
    return slot.shared ? "已打开上次收到的分享组合（你还没有改动过它）。" : "已恢复上次的组合。";
  }
  function describeSlot(slot) {
    var when = slot.at ? "，" + new Date(slot.at).toLocaleString("zh-CN", { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }) : "";
    return (slot.label || "组合") + "：" + String(slot.state.title || "").slice(0, 40) + when;
  }
  function showSlots() {
    var slots = readSlots(), others = slots.slice(1), box = page.slots, listNode = box.querySelector("ul");
    box.hidden = !others.length;
    box.querySelector("summary").textContent = "之前的组合（" + others.length + " 份，可以恢复）";
    listNode.textContent = "";
    others.forEach(function (slot, n) {
      var name = describeSlot(slot), li = listNode.appendChild(el("li", {}, name + " "));
      li.appendChild(button("恢复", function () { openSlot(slot, ""); }, "恢复：" + name));
      li.appendChild(button("删去", function () {
        if (!window.confirm("删去这份保存的组合？删去后不能恢复。\n" + name)) return;
        var all = readSlots();
        all.splice(n + 1, 1);
        writeSlots(all);
        showSlots();
        announce("已删去保存的组合：" + name, box);
      }, "删去保存的组合：" + name));
    });
  }

  // --- writing the document ----------------------------------------------------------------------------------
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { if (attributes[key] != null) node.setAttribute(key, attributes[key]); });
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

  // --- keeping the reader's place: every control has a key that survives a redraw ---------------------------
  // The document is redrawn after each change; the control the reader used (or the one now standing in its place)
  // gets the focus back, and the change is announced in a live region right beside it.
  var keys = new WeakMap(), serial = 0, openLists = {};
  function keyOf(object) { if (!keys.has(object)) keys.set(object, "k" + (serial += 1)); return keys.get(object); }
  function button(label, action, name, focus) {
    var node = el("button", { type: "button", "class": "composer-button", "aria-label": name || label, "data-focus": focus }, label);
    node.addEventListener("click", action);
    return node;
  }
  // One Tab stop per group of buttons; the arrow keys, Home and End move inside it (the ARIA toolbar pattern).
  function toolbar(label, buttons) {
    var bar = el("div", { role: "toolbar", "aria-label": label, "class": "composer-toolbar" });
    buttons.forEach(function (b, n) { b.tabIndex = n ? -1 : 0; bar.appendChild(b); });
    bar.addEventListener("keydown", function (event) {
      var all = Array.prototype.slice.call(bar.querySelectorAll("button")), at = all.indexOf(document.activeElement);
      var to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
      if (at === -1 || to == null) return;
      event.preventDefault();
      all[(to + all.length) % all.length].focus();
    });
    bar.addEventListener("focusin", function (event) { rove(event.target); });
    return bar;
  }
  function rove(node) {
    var bar = node.closest && node.closest("[role=toolbar]");
    if (bar) bar.querySelectorAll("button").forEach(function (b) { b.tabIndex = b === node ? 0 : -1; });
  }
  function focusKey(key) {
    var node = key && page.document.querySelector('[data-focus="' + key + '"]');
    if (!node) return null;
    var list = node.closest("details");
    if (list) list.open = true;
    rove(node);
    node.focus();
    return node;
  }
  function announce(message, near) {
    if (!message) return;
    var spot = near && near.closest && near.closest("li, .composer-controls, .composer-library, .reader-tools, .composer-slots");
    if (!spot) { page.status.textContent = message; return; }
    page.note.textContent = "";
    spot.appendChild(page.note);
    setTimeout(function () { page.note.textContent = message; }, 60);  // after the region is in place, so it is read
  }
  function change(message, key) {
    var target = render(key);
    keep();
    announce(typeof message === "function" ? message() : message, target);
  }
  // A text box commits as the focus leaves it: redraw once the focus has landed (and, when a button press moved it,
  // after that click), so the control the reader went to is the one that has the focus afterwards.
  var pressing = false, pending = null;
  function flush() { if (pending && !pressing) { var run = pending; pending = null; run(); } }
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () { pressing = false; setTimeout(flush, 0); }, true);
  function textChange(message) {
    pending = function () { change(message); };
    setTimeout(flush, 0);
  }
  function textBox(value, attributes, onChange) {
    var area = el("textarea", attributes);
    area.value = value || "";
    area.addEventListener("change", function () { onChange(area.value); });
    if (!(window.CSS && CSS.supports("field-sizing", "content"))) {  // boxes grow with their text (24.8) where CSS cannot
      var fit = function () { area.style.height = "auto"; area.style.height = area.scrollHeight + 2 + "px"; };
      area.addEventListener("input", fit);
      setTimeout(fit, 0);
    }
    return area;
  }
  function move(list, from, to) { if (to < 0 || to >= list.length) return false; list.splice(to, 0, list.splice(from, 1)[0]); return true; }
  // "现在是第三部分": where a section stands after a change.
  function where(section) {
    var list = items().list, n = list.map(function (e) { return e.section; }).indexOf(section);
    return n === -1 ? "" : "，现在是第" + chinese(n + 1) + "部分";
  }

  function sectionControls(entry) {
    var box = el("div", { "class": "composer-controls", role: "group", "aria-label": "调整：" + entry.item.t });
    if (entry.schedule) return scheduleControls(box);
    var section = entry.section, name = entry.item.t, key = keyOf(section);
    box.appendChild(toolbar("调整这一部分：" + name, [
      button("上移", function () { step(section, -1, "上移：" + name, key + ":up"); }, "上移：" + name, key + ":up"),
      button("下移", function () { step(section, 1, "下移：" + name, key + ":down"); }, "下移：" + name, key + ":down"),
      button("删去", function () {
        var next = neighbour(section, ":drop"), at = state.sections.indexOf(section);
        state.sections.splice(at, 1);
        if (state.schedule && state.scheduleAt > at) state.scheduleAt -= 1;
        change("已删去：" + name + "。", next);
      }, "删去：" + name, key + ":drop"),
      button("改标题", function () {
        var title = window.prompt("这一部分的标题", name);
        if (title && title.trim()) { section.title = title.trim(); change("标题已改为：" + section.title + "。", key + ":title"); }
      }, "改标题：" + name, key + ":title")
    ]));
    var label = box.appendChild(el("label", {}, "补充文字 "));
    label.appendChild(textBox(section.text, { rows: "2", "class": "composer-text", "data-focus": key + ":text" }, function (value) {
      section.text = value; textChange("已更新：" + name + "。");
    }));
    var origin = source(section);
    if (origin && (origin.c || []).length) box.appendChild(childControls(section, origin, name));
    return box;
  }
  function step(section, by, done, key) {
    if (moveSection(section, by)) change(function () { return "已" + done + where(section) + "。"; }, key);
    else announce((by < 0 ? "已在最前面：" : "已在最后面：") + done.split("：")[1] + "。", document.activeElement);
  }
  // The control that takes the focus when a part goes: the same control of the next part, else of the one before.
  function neighbour(section, suffix) {
    var list = sequence(), n = list.findIndex(function (e) { return section ? e.section === section : e.schedule; });
    var other = list[n + 1] || list[n - 1];
    if (!other) return "title";
    return other.schedule ? "schedule" + suffix : keyOf(other.section) + suffix;
  }
  function childControls(section, item, name) {
    var key = keyOf(section), details = el("details", { "class": "composer-children" });
    var order = section.order || item.c.map(function (_, i) { return i; });
    details.open = Boolean(openLists[key]);
    details.addEventListener("toggle", function () { openLists[key] = details.open; });
    details.appendChild(el("summary", { "data-focus": key + ":items" }, "调整这一部分的条目（" + order.length + " 条）"));
    var list = details.appendChild(el("ol", { "aria-label": name + "的条目" }));
    order.forEach(function (childIndex, at) {
      var child = item.c[childIndex], title = child.t || (child.p && child.p[0] || "").slice(0, 18) + "……", id = key + ":c" + childIndex;
      var li = list.appendChild(el("li", {}, title + " "));
      li.appendChild(toolbar("调整条目：" + title, [
        button("上移", function () { var o = order.slice(); if (move(o, at, at - 1)) { section.order = o; change("已上移条目：" + title + "，现在是第" + at + "条。", id + ":up"); } }, "上移条目：" + title, id + ":up"),
        button("下移", function () { var o = order.slice(); if (move(o, at, at + 1)) { section.order = o; change("已下移条目：" + title + "，现在是第" + (at + 2) + "条。", id + ":down"); } }, "下移条目：" + title, id + ":down"),
        button("删去", function () {
          var o = order.slice(), other = order[at + 1] != null ? order[at + 1] : order[at - 1];
          o.splice(at, 1); section.order = o;
          change("已删去条目：" + title + "。", other != null ? key + ":c" + other + ":drop" : key + ":items");
        }, "删去条目：" + title, id + ":drop")
      ]));
    });
    return details;
  }
  function moveSection(section, by) {
    var list = sequence(), from = list.map(function (e) { return e.section; }).indexOf(section), to = from + by;
    if (to < 0 || to >= list.length) return false;
    if (list[to].schedule) { state.scheduleAt += by > 0 ? -1 : 1; return true; }
    move(state.sections, list[from].index, list[to].index);
    return true;
  }
  function scheduleControls(box) {
    var name = state.scheduleTitle || "月度工作安排";
    box.appendChild(toolbar("调整：" + name, [
      button("上移", function () { if (state.scheduleAt > 0) { state.scheduleAt -= 1; change("已上移：" + name + "。", "schedule:up"); } }, "上移：" + name, "schedule:up"),
      button("下移", function () { if (state.scheduleAt < state.sections.length) { state.scheduleAt += 1; change("已下移：" + name + "。", "schedule:down"); } }, "下移：" + name, "schedule:down"),
      button("删去", function () { var next = neighbour(null, ":drop"); state.schedule = null; change("已删去：" + name + "。", next); }, "删去：" + name, "schedule:drop"),
      button("按工会工作日历重排", function () { state.schedule = calendarRows(); change("逐月安排已按" + data.year + "年的工会工作日历生成。", "schedule:calendar"); }, null, "schedule:calendar"),
      button("加一个月", function () {
        var month = (window.prompt("月份（1 到 12）", "") || "").trim();
        if (/^(1[0-2]|[1-9])$/.test(month)) { state.schedule.push([month + "月", []]); change("已加入：" + month + "月。", "schedule:add"); }
      }, null, "schedule:add")
    ]));
    state.schedule.forEach(function (row, n) {
      var key = keyOf(row), label = el("label", { "class": "composer-row" }, row[0] + " ");
      label.appendChild(textBox(row[1].join("\n"), { rows: "2", "data-focus": key + ":text" }, function (value) {
        row[1] = paragraphs(value); textChange("已更新：" + row[0] + "。");
      }));
      box.appendChild(label);
      box.appendChild(button("删去", function () {
        var other = state.schedule[n + 1] || state.schedule[n - 1];
        state.schedule.splice(n, 1);
        change("已删去：" + row[0] + "。", other ? keyOf(other) + ":drop" : "schedule:add");
      }, "删去：" + row[0], key + ":drop"));
    });
    return box;
  }

  function warnings(list) {
    var kind = data.types[state.type], titles = list.map(function (e) { return e.item.t || ""; }), found = [];
    kind.parts.forEach(function (part) {
      if (!titles.some(function (t) { return t.indexOf(part) !== -1; })) found.push(kind.name + "要有标题含“" + part + "”的部分。");
    });
    if (kind.requires.indexOf("schedule") !== -1 && !state.schedule) found.push(kind.name + "要有月度工作安排：可以按工会工作日历重新生成。");
    if (kind.requires.indexOf("safeguards") !== -1 && !list.some(function (e) { return e.section && isSafeguards(e.section) || /保障措施/.test(e.item.t || ""); })) {
      found.push(kind.name + "要有保障措施。");
    }
    return found;
  }

  function render(key) {
    var wanted = key || (document.activeElement && document.activeElement.getAttribute && document.activeElement.getAttribute("data-focus"));
    var result = items(), list = result.list, all = blocks(list), doc = page.document;
    doc.textContent = "";
    doc.appendChild(blockNode(all[0]));
    var preamble = el("div", { "class": "composer-controls" });
    var titleInput = el("input", { "aria-label": "计划标题", value: state.title, "data-focus": "title" });
    titleInput.addEventListener("change", function () { state.title = titleInput.value.trim() || state.title; textChange("标题已更新。"); });
    preamble.appendChild(el("label", {}, "标题 ")).appendChild(titleInput);
    preamble.appendChild(el("label", {}, "前言 ")).appendChild(textBox(state.preamble, { rows: "3", "aria-label": "前言", "data-focus": "preamble" }, function (value) {
      state.preamble = value; textChange("前言已更新。");
    }));
    doc.appendChild(preamble);
    all.slice(1).forEach(function (block, at) {
      var node = doc.appendChild(blockNode(block)), index = at + 1;
      list.forEach(function (entry) {
        if (entry.start === index && block.kind === "heading") {
          var copy = window.UnionReader.copyButton(function () { return sectionNodes(node); });
          copy.setAttribute("data-focus", (entry.schedule ? "schedule" : keyOf(entry.section)) + ":copy");
          node.appendChild(copy);
          doc.appendChild(sectionControls(entry));
        }
      });
    });
    window.UnionReader.apply(doc);
    page.warnings.textContent = "";
    warnings(list).concat(result.missing.map(function (what) { return what + "已不在库中，这一部分没有载入；其余部分照常。"; }))
      .forEach(function (text) { page.warnings.appendChild(el("li", {}, text)); });
    page.blocks = all;
    showPlaces(list);
    return focusKey(wanted);
  }
  function sectionNodes(heading) {
    var nodes = [heading], node = heading.nextElementSibling;
    while (node && node.tagName !== "H2" && !node.classList.contains("signature")) { nodes.push(node); node = node.nextElementSibling; }
    return nodes;
  }
  function documentNodes() {
    return Array.prototype.filter.call(page.document.children, function (node) { return !node.classList.contains("composer-controls"); });
  }

  // --- the snippet library and where 加入 puts a section ----------------------------------------------------
  function showPlaces(list) {
    var chosen = page.place.value, places = sequence(), byKey = {};
    list.forEach(function (entry) { byKey[entry.schedule ? "schedule" : keyOf(entry.section)] = entry.label + entry.item.t; });
    var name = function (entry) { return byKey[entry.schedule ? "schedule" : keyOf(entry.section)] || "（没有载入的部分）"; };
    var fallback = defaultPlace();
    page.place.textContent = "";
    page.place.appendChild(el("option", { value: "" }, "按计划类型的顺序：" +
      (fallback < places.length ? "“" + name(places[fallback]) + "”之前" : "放在最后")));
    page.place.appendChild(el("option", { value: "0" }, "放在最前面"));
    places.forEach(function (entry, n) { page.place.appendChild(el("option", { value: String(n + 1) }, "“" + name(entry) + "”之后")); });
    page.place.value = Number(chosen) <= places.length ? chosen : "";
  }
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
      var add = li.appendChild(button("加入", function () { addSnippet(id, add); }, "加入：" + snippet.item.t));
    });
  }
  // A snippet at the reader's chosen place (default: the plan type's order); a second copy only when the reader says so.
  function addSnippet(id, near) {
    var name = data.snippets[id].item.t;
    if (state.sections.some(function (s) { return snippetOf(s) === id; }) &&
        !window.confirm("“" + name + "”已在组合里。还要再加入一次吗？")) {
      announce("没有重复加入：" + name + "。", near);
      return;
    }
    var section = { snippet: id }, place = page.place.value === "" ? defaultPlace() : Number(page.place.value);
    insertAt(section, Math.min(place, sequence().length));
    page.place.value = "";
    render();
    keep();
    announce("已加入：" + name + where(section) + "。", near);
  }

  // --- loading ------------------------------------------------------------------------------------------------
  function loadSector(sectorId) {
    if (!knownSector(sectorId)) return Promise.resolve().then(function () { refuse("行业“" + String(sectorId).slice(0, 30) + "”不在库中"); });
    if (data && data.sector.id === sectorId) return Promise.resolve(data);
    return fetch(root + "compose/" + sectorId + ".json").then(function (r) { return r.json(); }).then(function (d) {
      data = d;
      page.category.textContent = "";
      page.category.appendChild(el("option", { value: "" }, "全部分类"));
      Object.keys(d.categories).forEach(function (id) { page.category.appendChild(el("option", { value: id }, d.categories[id])); });
      showLibrary();
      return d;
    });
  }
  // The plan list follows the sector without loading anything: the page lists every plan (data-sector).
  function showPlans(sectorId) {
    page.form.sector.value = sectorId;
    page.plan.textContent = "";
    page.plans.filter(function (o) { return o.getAttribute("data-sector") === sectorId; }).forEach(function (o) { page.plan.appendChild(o); });
  }
  function open(composition, info, message) {
    var kept = remember(composition, info);
    state = composition;
    showPlans(state.sector);
    page.form.type.value = state.type;
    if (state.from) page.plan.value = state.from;
    page.library.hidden = false;
    ["composer-download", "composer-print", "composer-share", "copy-all"].forEach(function (name) {
      var node = document.querySelector("." + name);
      if (node) node.hidden = false;
    });
    render();
    showAddress();
    showSlots();
    announce(message + (kept ? "你原来的组合仍保存在“之前的组合”里，可以恢复。" : ""));
  }
  function openSlot(slot, before) {
    return loadSector(slot.state.sector).then(function () {
      open(clean(slot.state), slot, before + restoredMessage(slot));
    }).catch(function (error) { announce(before + "保存的组合没能打开（" + reason(error) + "）。"); });
  }
  // Back to the reader's own work after a link that could not be opened; the saved compositions are untouched.
  function restore(problem) {
    var slot = readSlots()[0];
    if (!slot) { announce(problem); return Promise.resolve(); }
    return openSlot(slot, problem);
  }
  function openPlan(planId) {
    var option = page.plans.filter(function (o) { return o.value === planId; })[0];
    if (!option) return restore("没有找到范本“" + planId.slice(0, 60) + "”。");
    return loadSector(option.getAttribute("data-sector")).then(function () {
      open(clean(fromPlan(planId)), { label: "范本：" + option.textContent }, "已载入范本：" + option.textContent + "。");
    });
  }
  function openLink(code) {
    return decode(code).then(function (value) {
      record(value, "组合");
      if (value.v !== 1 && value.v !== 2) refuse("这是第 " + String(value.v).slice(0, 10) + " 版的分享地址，这个页面打不开");
      var sector = value.v === 2 ? value.s : value.sector;
      if (!knownSector(sector)) refuse("行业“" + String(sector).slice(0, 30) + "”不在库中");
      return loadSector(sector).then(function () {
        var composition = clean(value.v === 2 ? unpack(value) : value), current = readSlots()[0];
        if (current && canon(current.state) === canon(composition)) open(composition, current, restoredMessage(current));
        else open(composition, { label: "收到的分享组合", shared: true }, "已载入分享的组合。");
      });
    }).catch(function (error) {
      return restore("这个分享地址没有载入：" + reason(error) + "。请向发送的人要完整的地址。你保存的组合没有改动。");
    });
  }
  function openSnippet(snippetId) {
    return fetch(root + "catalog.json").then(function (r) { return r.json(); }).then(function (cat) {
      var snippet = cat.snippets.filter(function (s) { return s.id === snippetId; })[0];
      if (!snippet) return restore("没有找到段落“" + snippetId.slice(0, 60) + "”。");
      var current = readSlots()[0], last = null;
      try { last = localStorage.getItem(LAST_SECTOR); } catch (e) { last = null; }
      var sector = snippet.sectors.indexOf(last) !== -1 ? last : snippet.sectors[0];
      return loadSector(sector).then(function () {
        if (current && current.state.sector === sector) open(clean(current.state), current, "");
        else open(clean(emptyOutline("annual")), { label: "空白提纲：" + data.types.annual.name }, "");
        addSnippet(snippet.id);
      });
    });
  }
  function fromAddress() {
    var parts = {};
    try {
      location.hash.slice(1).split("&").forEach(function (pair) {
        var at = pair.indexOf("=");
        if (at > 0) parts[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
      });
    } catch (e) {
      return restore("这个地址的编码有误（% 后面缺了字符），没有载入。你保存的组合没有改动。");
    }
    if (own(parts, "c")) return openLink(parts.c);
    if (own(parts, "plan")) return openPlan(parts.plan);
    if (own(parts, "snippet")) return openSnippet(parts.snippet);
    return restore("");
  }

  function start() {
    var box = document.querySelector(".composer");
    if (!box) return;
    var config = document.getElementById("__config");
    root = new URL((config ? JSON.parse(config.textContent).base : "..").replace(/\/?$/, "/"), location.href).href;
    page = {
      form: box.querySelector(".composer-start"), status: box.querySelector(".composer-status"),
      warnings: box.querySelector(".composer-warnings"), slots: box.querySelector(".composer-slots"),
      document: document.querySelector(".composer-document"), library: document.querySelector(".composer-library"),
      category: document.querySelector(".composer-category"), place: document.querySelector(".composer-place"),
      search: document.querySelector(".composer-search"), snippets: document.querySelector(".composer-snippets"),
      share: document.querySelector(".composer-share"), note: el("p", { "class": "composer-note", role: "status" })
    };
    page.plan = page.form.querySelector("select[name=plan]");
    page.plans = Array.prototype.slice.call(page.plan.options);
    showPlans(page.form.sector.value);
    page.form.hidden = false;
    page.form.sector.addEventListener("change", function () { showPlans(page.form.sector.value); });
    page.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var type = page.form.type.value;
      loadSector(page.form.sector.value).then(function () {
        open(clean(emptyOutline(type)), { label: "空白提纲：" + data.types[type].name }, "已按“" + data.types[type].name + "”生成空白提纲。");
      });
    });
    page.form.querySelector("[name=from-plan]").addEventListener("click", function () { if (page.plan.value) openPlan(page.plan.value); });
    page.category.addEventListener("change", showLibrary);
    page.search.addEventListener("input", showLibrary);
    var copyAll = document.querySelector(".copy-all");
    if (copyAll) copyAll.addEventListener("click", function () { window.UnionReader.copy(window.UnionReader.textOf(documentNodes()), copyAll); });
    page.share.addEventListener("click", function () {
      encode(pack(state)).then(function (code) {
        var address = location.href.split("#")[0] + "#c=" + code;
        window.UnionReader.copy(address, page.share);
        announce("分享地址已复制，共 " + address.length + " 个字符。" + (address.length > SHARE_BUDGET
          ? "超过 " + SHARE_BUDGET + " 个字符，有的聊天软件会截断它，可以改发 Word 文件。" : ""), page.share);
      });
    });
    document.querySelector(".composer-print").addEventListener("click", function () { window.print(); });
    document.querySelector(".composer-download").addEventListener("click", function () {
      fetch(root + "compose/template.docx").then(function (r) { return r.arrayBuffer(); })
        .then(function (template) { return window.UnionDocx.compose(new Uint8Array(template), page.blocks, window.UnionReader.values); })
        .then(function (bytes) { window.UnionReader.offer(bytes, data.sector.name + data.types[state.type].name); });
    });
    fromAddress().catch(function (error) {
      announce("组合器没能打开（" + (error && error.reader ? error.message : "读取数据时出错") + "）。请刷新页面再试。");
    });
  }

  // After reader.js has set up the fill-in panel and UnionReader (it runs on DOMContentLoaded).
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
