// 检查自己的计划: a reader's draft checked in the browser by the library's own rules; nothing is uploaded.
// Every rule is data the build exports (check/rules.json, unionplans/draftrules.py); the steps that are code
// (numbering, years, festival dates, punctuation as autocorrect corrects it) follow unionplans/draftcheck.py
// line for line, and tests/test_draftcheck.py compares both on the same drafts.
//
// API: UnionCheck.check(text, {sector, year}) resolves to the findings ({start, end, line, text, class,
// message, fix, safe}; start and end are offsets into text); UnionCheck.inspect(text, options) also gives the
// sector used and whether it was guessed; UnionCheck.fromDocx(bytes) resolves to a .docx's text;
// UnionCheck.applyFixes(text, findings) returns the text with the safe fixes applied.
(function () {
  "use strict";
  var rulesPromise = null, compiled = null;
  var CHINESE = {};

  function root() {
    var config = document.getElementById("__config");
    return new URL((config ? JSON.parse(config.textContent).base : "..").replace(/\/?$/, "/"), location.href).href;
  }

  // Python's `regex` reads \d and \w as Unicode classes; JavaScript needs them spelt out under the u flag.
  function jsPattern(source) {
    var out = "", inClass = false;
    for (var i = 0; i < source.length; i++) {
      var c = source[i];
      if (c === "\\") {
        var next = source[i + 1];
        if (next === "d") out += "\\p{Nd}";
        else if (next === "w") out += inClass ? "\\p{L}\\p{N}_" : "[\\p{L}\\p{N}_]";
        else out += c + next;
        i++;
        continue;
      }
      if (c === "[" && !inClass) inClass = true;
      else if (c === "]" && inClass) inClass = false;
      out += c;
    }
    return out;
  }
  function rx(source, flags) { return new RegExp(jsPattern(source), "u" + (flags || "")); }

  function load() {
    if (!rulesPromise) {
      rulesPromise = fetch(root() + "check/rules.json").then(function (r) {
        if (!r.ok) throw new Error("规则文件 check/rules.json 没有找到（" + r.status + "）");
        return r.json();
      }).then(function (rules) { compiled = compile(rules); return rules; });
    }
    return rulesPromise;
  }

  function compile(rules) {
    var skipped = [];
    var list = rules.rules.map(function (rule) {
      try { return { rule: rule, re: rx(rule.pattern, "g") }; } catch (e) { skipped.push(rule["class"]); return null; }
    }).filter(Boolean);
    rules.numbering.labels["1"].forEach(function (label, i) { CHINESE[label.slice(0, -1)] = i + 1; });
    var names = Object.keys(rules.festivals).sort(function (a, b) { return b.length - a.length; }).map(function (n) {
      return n.length > 2 && n[n.length - 1] === "节" ? escape(n.slice(0, -1)) + "节?" : escape(n);
    }).join("|");
    var date = "([0-9]{1,2})月([0-9]{1,2})日";
    return {
      rules: list, skipped: skipped, book: rx(rules.bookTitle, "g"), cited: rx(rules.citedYear), invisible: rx(rules.invisible),
      month: rx(rules.monthLabel),
      levels: rules.numbering.levels.map(function (l) { return { level: l.level, re: rx(l.pattern) }; }),
      after: new RegExp("(" + names + ")[（(]?(?:农历[^）)\\n]{0,8}?[，,、 ]?)?" + date, "gud"),
      before: new RegExp(date + "[（(]?(" + names + ")", "gud"),
      side: new RegExp("(" + names + ")(?:[（(][^）)\\n]{0,12}[）)])?(?:[^，。；、\\n]{0,6}?(前后|前|后))?", "gud")
    };
  }
  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // --- the check: unionplans/draftcheck.py, step by step ----------------------------------------------------
  function inspect(text, options) {
    options = options || {};
    return load().then(function (rules) { return run(String(text), rules, options); });
  }

  function run(text, rules, options) {
    var year = Number(options.year) || rules.year, guessed = !options.sector;
    var sector = options.sector || guessSector(text, rules);
    var found = [], state = { month: null, numbers: [] }, at = 0;
    text.split("\n").forEach(function (line, index) {
      var add = function (start, end, cls, message, fix, safe) {
        found.push({ start: at + start, end: at + end, line: index + 1, text: line.slice(start, end), "class": cls,
                     message: message, fix: fix === undefined ? null : fix, safe: Boolean(safe) });
      };
      var masked = line.replace(compiled.book, function (m) { return "书".repeat(m.length); });
      compiled.rules.forEach(function (c) {
        if (c.rule.sectors && c.rule.sectors.indexOf(sector) === -1) return;
        c.re.lastIndex = 0;
        for (var m of masked.matchAll(c.re)) if (m[0].length) add(m.index, m.index + m[0].length, c.rule["class"], c.rule.advice);
      });
      if (sector) misfits(line, rules.sectors[sector], add);
      years(masked, year, add);
      festivals(line, year, rules, state, add);
      numbering(line, rules, state, add);
      punctuation(line, add);
      at += line.length + 1;
    });
    return { sector: sector, guessed: guessed && sector !== null, year: year, findings: distinct(found), skipped: compiled.skipped };
  }

  function distinct(found) {
    found.sort(function (a, b) {
      return a.start - b.start || b.end - a.end || (a["class"] < b["class"] ? -1 : a["class"] > b["class"] ? 1 : 0);
    });
    var kept = [], reach = {};  // class → the furthest end of a finding kept so far (all of them start earlier)
    found.forEach(function (f) {
      if (!(f["class"] in reach) || reach[f["class"]] < f.end) { kept.push(f); reach[f["class"]] = f.end; }
    });
    return kept;
  }

  function count(text, sign) { return text.split(sign).length - 1; }
  function guessSector(text, rules) {
    var best = null, score = 0;
    Object.keys(rules.sectors).forEach(function (id) {
      var s = rules.sectors[id].signs.reduce(function (sum, sign) { return sum + count(text, sign); }, 0);
      if (s > score) { best = id; score = s; }
    });
    return best;
  }

  function misfits(line, sector, add) {
    var masked = line;
    sector.own.forEach(function (value) { masked = masked.split(value).join("□".repeat(value.length)); });
    Object.keys(sector.misfits).forEach(function (word) {
      var m = sector.misfits[word], start = masked.indexOf(word);
      while (start !== -1) {
        add(start, start + word.length, "行业用错称谓", m.message, m.fix, false);
        start = masked.indexOf(word, start + word.length);
      }
    });
  }

  function years(line, year, add) {
    var ranges = [];
    for (var r of line.matchAll(/([0-9]{4})\s*[—–\-~～至到]\s*([0-9]{4})/gu)) ranges.push([+r[1], +r[2], r.index, r.index + r[0].length]);
    for (var m of line.matchAll(/(?<![0-9０-９])((?:19|20)[0-9]{2})(?=\s*年)/gu)) {
      var y = +m[1], end = m.index + m[0].length;
      if ((year <= y && y <= year + 1) || compiled.cited.test(line.slice(end + 1))) continue;
      if (ranges.some(function (r) { return r[0] <= year && year <= r[1] && r[2] <= m.index && m.index < r[3]; })) continue;
      add(m.index, end, "年份", "这份计划是 " + year + " 年的，这里写的是 " + y + " 年。若是上一年的计划改来的，请改为 " + year +
          "；若是回顾往年的情况，请保留。", String(year), true);
    }
  }

  function festivalName(found, rules) {
    var stem = found.replace(/节$/, "");
    return Object.keys(rules.festivals).filter(function (n) { return n.indexOf(stem) === 0; })[0];
  }

  function festivals(line, year, rules, state, add) {
    var dateOf = function (name) { return rules.festivals[name][String(year)]; };
    var hits = [];
    for (var a of line.matchAll(compiled.after)) hits.push([a, 1, 2]);
    for (var b of line.matchAll(compiled.before)) hits.push([b, 3, 1]);
    hits.forEach(function (hit) {
      var m = hit[0], name = festivalName(m[hit[1]], rules), g = hit[2], right = dateOf(name);
      var written = [+m[g], +m[g + 1]];
      if (right && (written[0] !== right[0] || written[1] !== right[1])) {
        var others = Object.keys(rules.festivals[name]).filter(function (y) {
          var d = rules.festivals[name][y]; return d[0] === written[0] && d[1] === written[1];
        });
        add(m.indices[g][0], m.indices[g + 1][1] + 1, "节日日期", year + " 年的" + name + "是 " + right[0] + "月" + right[1] + "日，这里写的是 " +
            written[0] + "月" + written[1] + "日" + (others.length ? "（这是 " + others[0] + " 年的日期）" : "") + "。",
            right[0] + "月" + right[1] + "日", true);
      }
    });
    var label = line.match(compiled.month);
    if (label) {
      state.month = label[1] ? monthOf(label[1]) : null;  // 经常性工作: no month
      state.numbers = (state.numbers.length ? state.numbers.slice(0, 1) : [0]).concat([0]);
    } else if ([1, 2].indexOf(levelOf(line)) !== -1) state.month = null;
    var month = state.month;
    if (!month || month === 11 || month === 12) return;
    for (var f of line.matchAll(compiled.side)) {
      var name = festivalName(f[1], rules), right = dateOf(name);
      var side = f[2] || "";  // an item without 前 or 后 may also prepare the festival in the days before
      if (right && !nearMonth(year, right, side, month) && !nearMonth(year, right, side || "前", month)) {
        add(f.indices[1][0], f.indices[1][1], "节日所在月份", year + " 年的" + name + "是 " + right[0] + "月" + right[1] + "日，这一项却写在 " +
            month + " 月。请移到 " + right[0] + " 月（或写成“" + name + "前”“" + name + "后”的相应月份）。");
      }
    }
  }

  // festivals._near_month: the days a festival item speaks of (a week or so before or after) touch the month.
  function nearMonth(year, monthDay, side, month) {
    var span = { "前": [10, 0], "后": [0, 10], "前后": [10, 10] }[side] || [3, 3];
    for (var n = -span[0]; n <= span[1]; n++) {
      if (new Date(Date.UTC(year, monthDay[0] - 1, monthDay[1] + n)).getUTCMonth() + 1 === month) return true;
    }
    return false;
  }

  function monthOf(label) { return /^[0-9]+$/.test(label) ? Number(label) : CHINESE[label]; }
  function levelOf(line) {
    var hit = compiled.levels.filter(function (l) { return l.re.test(line); })[0];
    return hit ? hit.level : null;
  }

  function numbering(line, rules, state, add) {
    var m = null, level = null;
    compiled.levels.some(function (l) { m = line.match(l.re); level = l.level; return m; });
    if (!m) return;
    var digits = m.slice(1).filter(function (g) { return g && (/^[0-9]+$/.test(g) || CHINESE[g]); })[0];
    var n = /^[0-9]+$/.test(digits) ? Number(digits) : CHINESE[digits];
    var labels = rules.numbering.labels[String(level)], numbers = state.numbers;
    var start = m[0].length - m[0].replace(/^[ \t\u3000]+/, "").length, end = m[0].length;
    if (level > numbers.length + 1) {
      add(start, end, "序号跳级", "序号跳了一级：上面没有“" + rules.numbering.labels[String(numbers.length + 1)][0] + "”这一级，就用了“" +
          labels[0] + "”。层级依次是 一、→（一）→1.→（1）。请补上上一级，或改用上一级的序号。");
      return;
    }
    numbers.length = Math.min(numbers.length, level);
    var expected = numbers.length >= level ? numbers[level - 1] + 1 : 1;
    numbers.length = level - 1;
    numbers.push(expected);
    var right = labels[expected - 1];
    if (right && m[0].slice(start) !== right) {
      add(start, end, "序号", n !== expected ? "序号不连续：这里应是“" + right + "”。" :
          "这一级的序号写作“" + right + "”（一、→（一）→1.→（1），全角括号，阿拉伯数字后用点）。", right, true);
    }
  }

  // --- punctuation: the corrections autocorrect makes with the library's configuration (content.py) -----------
  var CJK = "\\p{Script=Han}\\p{Script=Hangul}\\p{Script=Katakana}\\p{Script=Hiragana}\\p{Script=Bopomofo}";
  var CJ = "\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}\\p{Script=Bopomofo}|";
  var HAS_CJK = new RegExp("[" + CJK + "]", "u");
  var FULL = { ",": "，", ".": "。", ":": "：", "!": "！", "?": "？" };
  var FULLWIDTH = [
    new RegExp("[" + CJ + "\\p{L}\\p{N}_]+[,?][ ]*[" + CJ + "]+", "gu"),
    new RegExp("[" + CJ + "]+[,?][ ]*", "gu"),
    new RegExp("[" + CJ + "]+[.:!][ ]*[" + CJ + "]+", "gu"),
    new RegExp("[" + CJ + "]+[.:!][ ]*[\"']?$", "gu")
  ];
  var PATH = /(^[a-zA-Z\d]+:\/\/)|(^\/?[a-zA-Z\d\-_.]{2,}\/)/u;
  var PATH_HASH = /[a-zA-Z0-9\-_.]+#[\p{L}\p{N}_\-.]*[\p{Script=Han}]+[a-zA-Z0-9\-_.]*/u;
  var WORD_OR_CJK = "[\\p{L}\\p{N}_" + CJK + "]";
  var NO_SPACE = ["[，。、！？：；（）「」《》【】]", "[“”‘’]"].map(function (marks) {
    return [new RegExp("(" + WORD_OR_CJK + ")[ ]+(" + marks + ")", "gu"), new RegExp("(" + marks + ")[ ]+(" + WORD_OR_CJK + ")", "gu")];
  });

  function fullwidth(part) {
    if (PATH.test(part) || PATH_HASH.test(part.trim())) return part;
    FULLWIDTH.forEach(function (re) {
      part = part.replace(re, function (m) { return m.replace(/[.:!,?][ ]*/g, function (p) { return FULL[p.trim()]; }); });
    });
    return part;
  }
  function autocorrect(line) {
    var out = line;
    if (HAS_CJK.test(line)) out = (line.match(/[^ \r\n]*[ \r\n]|[^ \r\n]+$/g) || []).map(fullwidth).join("");
    out = out.replace(/[Ａ-Ｚａ-ｚ０-９\u3000]/g, function (c) { return c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/(\d)(：)(\d)/gu, "$1:$3");
    if (HAS_CJK.test(out)) {
      NO_SPACE.forEach(function (pair) { pair.forEach(function (re) { out = out.replace(re, "$1$2"); }); });
    }
    return out;
  }
  // draftcheck.changes: autocorrect replaces one for one and deletes spaces, so one walk along both finds them.
  function changes(old, now) {
    var runs = [], i = 0, j = 0;
    while (i < old.length) {
      if (j < now.length && old[i] === now[j]) { i++; j++; continue; }
      var start = i, begin = j;
      while (i < old.length && !(j < now.length && old[i] === now[j])) {
        if (" \t\u3000".indexOf(old[i]) !== -1 && old.length - i > now.length - j) i++;
        else { i++; j++; }
      }
      runs.push([start, i, now.slice(begin, j)]);
    }
    return runs;
  }
  function punctuation(line, add) {
    if (compiled.invisible.test(line)) return;
    changes(line, autocorrect(line)).forEach(function (c) {
      add(c[0], c[1], "标点和空格", "中文里用全角标点（，。：！？），数字和字母用半角，汉字和标点之间不留空格。", c[2], true);
    });
  }

  // --- fixes, .docx, Word -----------------------------------------------------------------------------------
  function applyFixes(text, findings) {
    var out = text, last = Infinity;
    findings.filter(function (f) { return f.safe && f.fix !== null; }).sort(function (a, b) { return b.start - a.start; })
      .forEach(function (f) {
        if (f.end > last) return;  // overlaps a fix already made
        out = out.slice(0, f.start) + f.fix + out.slice(f.end);
        last = f.start;
      });
    return out;
  }

  function fromDocx(bytes) {
    return new Promise(function (resolve) {
      var files = window.fflate.unzipSync(new Uint8Array(bytes), { filter: function (f) { return f.name === "word/document.xml"; } });
      if (!files["word/document.xml"]) throw new Error("这不是 Word 文件（.docx）：里面没有 word/document.xml。");
      var xml = new DOMParser().parseFromString(window.fflate.strFromU8(files["word/document.xml"]), "application/xml");
      var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main", lines = [];
      Array.prototype.forEach.call(xml.getElementsByTagNameNS(W, "p"), function (p) {
        var text = "";
        Array.prototype.forEach.call(p.getElementsByTagNameNS(W, "*"), function (node) {
          if (node.localName === "t") text += node.textContent;
          else if (node.localName === "tab") text += "\t";
          else if (node.localName === "br" || node.localName === "cr") text += "\n";
        });
        lines.push(text);
      });
      resolve(lines.join("\n"));
    });
  }

  // The reader's text as the blocks UnionDocx lays out (docx-fill.js): the first line the title, 一、 and （一）
  // lines headings, the rest paragraphs.
  function blocks(text) {
    var out = [];
    text.split("\n").map(function (l) { return l.trim(); }).filter(Boolean).forEach(function (line, i) {
      var level = levelOf(line);
      out.push(i === 0 ? { kind: "title", content: line } : level === 1 || level === 2 ?
        { kind: "heading", content: line, level: level } : { kind: "paragraph", content: line });
    });
    return out;
  }
  function toWord(text) {
    return load().then(function () { return fetch(root() + "compose/template.docx"); })
      .then(function (r) { return r.arrayBuffer(); })
      .then(function (template) { return window.UnionDocx.compose(new Uint8Array(template), blocks(text), {}); });
  }

  window.UnionCheck = {
    check: function (text, options) { return inspect(text, options).then(function (r) { return r.findings; }); },
    inspect: inspect, fromDocx: fromDocx, applyFixes: applyFixes, toWord: toWord, rules: load
  };

  // --- the page --------------------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function start() {
    var box = document.querySelector(".draftcheck");
    if (!box) return;
    var form = box.querySelector("form"), area = form.querySelector("textarea"), status = box.querySelector(".draftcheck-status");
    var list = box.querySelector(".draftcheck-findings"), tools = box.querySelector(".draftcheck-tools"), last = [];
    load().then(function (rules) {
      Object.keys(rules.sectors).forEach(function (id) {
        var option = el("option", "", rules.sectors[id].name + "（" + rules.sectors[id].family + "）");
        option.value = id;
        form.sector.appendChild(option);
      });
      form.year.value = rules.year;
      form.hidden = false;
    }).catch(function (error) { status.textContent = "规则没有载入：" + error.message + "。请刷新页面。"; });

    function show(result) {
      last = result.findings;
      list.textContent = "";
      var guess = result.guessed ? "按文字猜测是" : "按所选的";
      var sector = result.sector ? "；" + guess + "“" + form.sector.options[[].map.call(form.sector.options, function (o) { return o.value; })
        .indexOf(result.sector)].textContent + "”检查称谓" + (result.guessed ? "，不对请在上面选择行业" : "") : "；没有认出行业，选择行业后会检查别的行业的称谓";
      var safe = last.filter(function (f) { return f.safe; }).length;
      var unread = result.skipped.length ? "（这个浏览器读不了 " + result.skipped.length + " 条规则：" + result.skipped.join("、") + "，请换用新版浏览器）" : "";
      status.textContent = (last.length ? "找到 " + last.length + " 处，其中 " + safe + " 处可以一键改正" : "没有找到问题") + sector + "。" + unread;
      last.forEach(function (f) {
        var item = el("li"), jump = el("button", "draftcheck-jump", "第 " + f.line + " 行");
        jump.type = "button";
        jump.setAttribute("aria-label", "在文字中选中第 " + f.line + " 行的“" + f.text + "”");
        jump.addEventListener("click", function () {
          area.focus();
          area.setSelectionRange(f.start, f.end);
          var lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 24;
          area.scrollTop = Math.max(0, (f.line - 3) * lineHeight);
        });
        item.appendChild(jump);
        item.appendChild(el("strong", "draftcheck-class", "【" + f["class"] + "】"));
        item.appendChild(el("q", "", f.text));
        item.appendChild(el("span", "", "：" + f.message));
        if (f.fix !== null) item.appendChild(el("span", "draftcheck-fix", "改为：" + (f.fix || "（删去）")));
        list.appendChild(item);
      });
      tools.hidden = !area.value;
      tools.querySelector(".draftcheck-apply").disabled = !safe;
    }
    function checkNow() {
      return inspect(area.value, { sector: form.sector.value, year: form.year.value }).then(show);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); checkNow(); });
    form.file.addEventListener("change", function () {
      var file = form.file.files[0];
      if (!file) return;
      file.arrayBuffer().then(function (bytes) {
        return /\.docx$/i.test(file.name) ? fromDocx(bytes) : new TextDecoder().decode(bytes);
      }).then(function (text) { area.value = text; return checkNow(); })
        .catch(function (error) { status.textContent = "读不出“" + file.name + "”：" + error.message; });
    });
    tools.querySelector(".draftcheck-apply").addEventListener("click", function () {
      area.value = applyFixes(area.value, last);
      checkNow();
    });
    tools.querySelector(".draftcheck-copy").addEventListener("click", function (event) {
      window.UnionReader.copy(area.value, event.currentTarget);
    });
    tools.querySelector(".draftcheck-word").addEventListener("click", function () {
      toWord(area.value).then(function (bytes) { window.UnionReader.offer(bytes, "检查后的计划"); });
    });
  }
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
