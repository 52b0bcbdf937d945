// Timeline explorer: one page over the JSON API (/api/v1/…). No framework, no build step.
//
// The whole view lives in the URL (org, at, known, country, head) and every request goes through
// `api()`, which counts requests in flight so that `document.body.dataset.busy` is "false"
// exactly when the current view has finished loading (the browser tests wait on it).
"use strict";

(() => {
  // ---------------------------------------------------------------- constants

  const MEMBER_COLOR = "#1f4e9c"; // rgb(31, 78, 156); documented in explorer.css
  const SEA_COLOR = "#d6e6f2";
  const LAND_COLOR = "#ebe7df";
  const BORDER_COLOR = "#ffffff";
  const PALETTE = ["#e8892b", "#2a9d78", "#8e5fc2", "#d4b21d", "#d1558c", "#7f6a4d", "#4fb3c9"];
  // Statuses that recur across organizations get the same colour everywhere.
  const KNOWN_STATUSES = ["observer", "dialogue-partner", "partner", "candidate", "associate-member", "invited"];
  const POSSIBLE_OPACITY = 0.45;
  const NOW_COLOR = "#d62828";
  const SVGNS = "http://www.w3.org/2000/svg";
  const DAY_MS = 86400000;
  const STATUS_TYPES = new Set(["founding", "accession", "status", "suspension", "reinstatement", "withdrawal",
    "succession", "merger", "breakup", "dissolution", "reclassify", "expulsion", "state"]);
  const QUIET_TYPES = new Set(["summit", "statement"]);

  const $ = (sel) => document.querySelector(sel);

  // ---------------------------------------------------------------- dates (days since 1970-01-01, UTC)

  function dayOf(y, m, d) {
    const t = new Date(Date.UTC(2000, m - 1, d));
    t.setUTCFullYear(y);
    return Math.round(t.getTime() / DAY_MS);
  }
  function isoOf(day) {
    const t = new Date(day * DAY_MS);
    const y = t.getUTCFullYear();
    const ys = y >= 0 && y <= 9999 ? String(y).padStart(4, "0") : String(y);
    return `${ys}-${String(t.getUTCMonth() + 1).padStart(2, "0")}-${String(t.getUTCDate()).padStart(2, "0")}`;
  }
  function daysInMonth(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function todayDay() {
    const n = new Date();
    return dayOf(n.getFullYear(), n.getMonth() + 1, n.getDate());
  }
  /** The span of an EDTF date at its precision: {lo, hi} in days, or null. Handles `2017`,
   *  `2017-06`, `2017-06-09`, qualifiers (`?`, `~`, `%`) and intervals `a/b` (open ends allowed). */
  function parseEDTF(text) {
    if (text === null || text === undefined) return null;
    const s = String(text).trim();
    if (!s) return null;
    if (s.includes("/")) {
      const [a, b] = s.split("/");
      const pa = a && a !== ".." ? parseEDTF(a) : null;
      const pb = b && b !== ".." ? parseEDTF(b) : null;
      if (!pa && !pb) return null;
      return { lo: (pa || pb).lo, hi: (pb || pa).hi };
    }
    const m = s.replace(/[?~%]/g, "").match(/^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
    if (!m) return null;
    const y = Number(m[1]);
    if (m[3]) {
      const mo = Number(m[2]), d = Number(m[3]);
      if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
      const day = dayOf(y, mo, d);
      return { lo: day, hi: day };
    }
    if (m[2]) {
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return null;
      return { lo: dayOf(y, mo, 1), hi: dayOf(y, mo, daysInMonth(y, mo)) };
    }
    return { lo: dayOf(y, 1, 1), hi: dayOf(y, 12, 31) };
  }
  const yearOf = (day) => new Date(day * DAY_MS).getUTCFullYear();

  // ---------------------------------------------------------------- state

  const state = {
    org: null,        // organization id
    at: null,         // ISO day, YYYY-MM-DD
    known: null,      // sequence number, or null for the latest record
    country: null,    // country code of the open country panel
    pin: null,        // "SEQ:HASH" when requests are pinned to the head the link was made on
  };
  const data = {
    logHead: null,       // {seq, hash}: the log's head now
    linkHead: null,      // {seq, hash}: the head named by the URL, when it differs from the log's
    orgs: [],
    orgById: new Map(),
    world: null,
    shapes: new Map(),   // code -> path element
    names: new Map(),    // code -> name
    orgHistory: [],
    orgIntervals: [],
    statuses: [],        // statuses of the current organization, top first
    snaps: [],           // sorted event days of the current organization
    snapRows: new Map(), // day -> history rows
    roster: null,        // envelope of the last roster answer
    rosterRows: [],
    allIntervals: new Map(), // key (known|pin) -> rows of every organization
    countryHistory: [],
    countryIntervals: null,
    countryMemberships: null,
    why: null,
    rangeMin: 0,
    rangeMax: 1,
  };

  // ---------------------------------------------------------------- busy tracking and the API

  let inflight = 0;
  let pending = 1; // the initial load
  const idleWaiters = [];
  let busyCheck = null;
  function updateBusy() {
    if (inflight + pending > 0) {
      document.body.dataset.busy = "true";
      return;
    }
    if (busyCheck) return;
    // Let the code awaiting the last answer render it before the page says it is idle.
    busyCheck = setTimeout(() => {
      busyCheck = null;
      if (inflight + pending > 0) return;
      document.body.dataset.busy = "false";
      idleWaiters.splice(0).forEach((resolve) => resolve());
    }, 0);
  }
  function whenIdle() {
    if (inflight + pending === 0 && document.body.dataset.busy === "false") return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  const channels = new Map();
  /** A fresh AbortSignal for a kind of request, cancelling the previous one of that kind. */
  function channel(name) {
    const previous = channels.get(name);
    if (previous) previous.abort();
    const controller = new AbortController();
    channels.set(name, controller);
    return controller.signal;
  }

  class ApiError extends Error {
    constructor(status, body, url) {
      const err = body && body.error;
      super(err && err.message ? err.message : `HTTP ${status} for ${url}`);
      this.status = status;
      this.id = err && err.id;
      this.body = body;
    }
  }
  const isAbort = (e) => e && (e.name === "AbortError" || e.aborted === true);

  function apiURL(path, params = {}, pin = true) {
    const u = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== "") u.searchParams.set(k, String(v));
    }
    if (pin && state.pin) u.searchParams.set("head", state.pin);
    // Spaces as %20, not "+": a literal "+" is already %2B.
    u.search = u.search.replace(/\+/g, "%20");
    return u;
  }
  async function api(path, params = {}, { signal, pin = true, text = false } = {}) {
    const url = apiURL(path, params, pin);
    inflight++;
    updateBusy();
    try {
      const res = await fetch(url, { signal, headers: { Accept: text ? "*/*" : "application/json" } });
      if (text) {
        if (!res.ok) throw new ApiError(res.status, null, url);
        return await res.text();
      }
      let body = null;
      try { body = await res.json(); } catch (_) { body = null; }
      if (!res.ok) throw new ApiError(res.status, body, url);
      if (signal && signal.aborted) throw new DOMException("aborted", "AbortError");
      return body;
    } finally {
      inflight--;
      updateBusy();
    }
  }
  const rowsOf = (answer) => {
    if (Array.isArray(answer)) return answer;
    if (answer && Array.isArray(answer.rows)) return answer.rows;
    // A /api/v1/query answer: the first table among its outputs.
    const table = answer && Array.isArray(answer.outputs) ? answer.outputs.find((o) => o.kind === "table") : null;
    return table && Array.isArray(table.rows) ? table.rows : [];
  };
  const notesOf = (answer) => {
    if (answer && Array.isArray(answer.notes)) return answer.notes;
    const table = answer && Array.isArray(answer.outputs) ? answer.outputs.find((o) => o.kind === "table") : null;
    return table && Array.isArray(table.notes) ? table.notes : [];
  };
  const quoted = (s) => `"${String(s).replace(/["\\]/g, "")}"`;
  /**
   * The record the view stands at for routes that take no `known` and refuse a moved `head`
   * (export intervals, why): the known-at record, or the pinned head's sequence number.
   */
  function effectiveKnown() {
    const pinned = parseHead(state.pin);
    if (state.known !== null && pinned) return Math.min(state.known, pinned.seq);
    if (state.known !== null) return state.known;
    return pinned ? pinned.seq : null;
  }
  /** Intervals as the log stood at that record: the same statement with `known at seq N` through /query. */
  function intervalsRequest(org, signal) {
    const k = effectiveKnown();
    if (k === null) return api("/api/v1/export/intervals", { org, format: "json" }, { signal });
    const statement = `export intervals${org ? " " + quoted(org) : ""} known at seq ${k}`;
    return api("/api/v1/query", { q: statement }, { signal, pin: false });
  }
  const seg = (s) => encodeURIComponent(s);
  const knownParam = () => (state.known === null ? null : state.known);

  function showError(e) {
    if (isAbort(e)) return;
    console.error(e);
    const box = $("#error-box");
    box.textContent = e && e.message ? e.message : String(e);
    box.hidden = false;
  }
  function clearError() { $("#error-box").hidden = true; }

  // ---------------------------------------------------------------- small DOM helpers

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function svgTitle(text) { return svg("title", { text }); }
  /** Enter and Space act like a click on a focusable non-button element. */
  function activateOnKeys(node, action) {
    node.addEventListener("keydown", (ev) => {
      if (ev.target !== node) return;
      if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") {
        ev.preventDefault();
        action(ev);
      }
    });
  }
  function nameOf(code) { return data.names.get(code) || code; }
  function countryLabel(code) { return `${nameOf(code)} (${code})`; }
  function plural(n, word) {
    if (n === 1) return `${n} ${word}`;
    return `${n} ${word.endsWith("y") && !/[aeiou]y$/.test(word) ? word.slice(0, -1) + "ies" : word + "s"}`;
  }
  const statusWords = (s) => String(s).replace(/-/g, " ");

  /** A source string (`Publisher; Other (also URL, URL) <URL>`) as text with links. */
  function sourceNode(src) {
    const span = el("span", { class: "source" });
    if (!src) { span.textContent = "—"; return span; }
    let text = String(src);
    let primary = null;
    const m = text.match(/\s*<(https?:\/\/[^>\s]+)>\s*$/);
    if (m) { primary = m[1]; text = text.slice(0, m.index); }
    let also = [];
    const alsoAt = text.lastIndexOf("(also ");
    if (alsoAt >= 0 && /\)\s*$/.test(text)) {
      also = text.slice(alsoAt + 6).replace(/\)\s*$/, "").match(/https?:\/\/[^\s,;]+/g) || [];
      if (also.length) text = text.slice(0, alsoAt).trim();
    }
    const link = (href, label) => el("a", { href, target: "_blank", rel: "noopener noreferrer" }, label);
    const host = (u) => { try { return new URL(u).hostname.replace(/^www\./, ""); } catch (_) { return u; } };
    if (primary) span.append(link(primary, text || host(primary)));
    else {
      // Any bare URL in the text becomes a link.
      const parts = text.split(/(https?:\/\/[^\s,;<>()]+)/);
      for (const p of parts) span.append(/^https?:\/\//.test(p) ? link(p, host(p)) : p);
    }
    if (also.length) {
      const a = el("span", { class: "also" }, " (also ");
      also.forEach((u, i) => { if (i) a.append(", "); a.append(link(u, host(u))); });
      a.append(")");
      span.append(a);
    }
    return span;
  }

  // ---------------------------------------------------------------- statuses and colours

  const extraStatusColours = new Map();
  function topStatusOf(org) {
    const o = data.orgById.get(org);
    const ladder = o && o.ladder ? String(o.ladder).split("<").map((s) => s.trim()).filter(Boolean) : [];
    return ladder.length ? ladder[ladder.length - 1] : "member";
  }
  function colourFor(org, status) {
    if (!status) return LAND_COLOR;
    if (status === topStatusOf(org)) return MEMBER_COLOR;
    let i = KNOWN_STATUSES.indexOf(status);
    if (i < 0) {
      if (!extraStatusColours.has(status)) extraStatusColours.set(status, KNOWN_STATUSES.length + extraStatusColours.size);
      i = extraStatusColours.get(status);
    }
    return PALETTE[i % PALETTE.length];
  }
  /** The statuses of the current organization, its top status first. */
  function computeStatuses(org, intervals, roster) {
    const o = data.orgById.get(org);
    const ladder = o && o.ladder ? String(o.ladder).split("<").map((s) => s.trim()).filter(Boolean) : [];
    const list = ladder.slice().reverse();
    for (const r of intervals) if (r.status && !list.includes(r.status)) list.push(r.status);
    for (const r of roster) if (r.status && !list.includes(r.status)) list.push(r.status);
    const top = topStatusOf(org);
    if (!list.includes(top)) list.unshift(top);
    return [top, ...list.filter((s) => s !== top)];
  }
  function hatchId(colour) { return `hatch-${colour.replace("#", "")}`; }
  function ensureHatch(svgRoot, colour) {
    const id = hatchId(colour);
    if (svgRoot.querySelector(`#${id}`)) return `url(#${id})`;
    let defs = svgRoot.querySelector("defs");
    if (!defs) { defs = svg("defs"); svgRoot.prepend(defs); }
    defs.append(svg("pattern", { id, patternUnits: "userSpaceOnUse", width: 6, height: 6, patternTransform: "rotate(45)" },
      svg("rect", { width: 6, height: 6, fill: colour }),
      svg("rect", { width: 2.2, height: 6, fill: "#ffffff" })));
    return `url(#${id})`;
  }

  // ---------------------------------------------------------------- URL state

  function headString(h) { return h ? `${h.seq}:${h.hash}` : ""; }
  function parseHead(s) {
    const m = String(s || "").trim().match(/^(\d+):([0-9a-fA-F]{6,64})$/);
    return m ? { seq: Number(m[1]), hash: m[2].toLowerCase() } : null;
  }
  function sameHead(a, b) {
    return a && b && a.seq === b.seq && (a.hash.startsWith(b.hash) || b.hash.startsWith(a.hash));
  }
  function viewHead() {
    if (state.pin) return (data.roster && data.roster.head) || parseHead(state.pin);
    return data.logHead;
  }
  function writeURL() {
    const p = new URLSearchParams();
    if (state.org) p.set("org", state.org);
    if (state.at) p.set("at", state.at);
    if (state.known !== null) p.set("known", String(state.known));
    if (state.country) p.set("country", state.country);
    const h = state.pin || headString(data.logHead);
    if (h) p.set("head", h);
    const url = `${location.pathname}?${p.toString().replace(/%3A/gi, ":")}`;
    history.replaceState(null, "", url);
    renderCitation();
  }

  // ---------------------------------------------------------------- head and the moved-log notice

  function knownMax() {
    const pinned = parseHead(state.pin);
    if (pinned) return pinned.seq;
    return data.logHead ? data.logHead.seq : 1;
  }
  function renderHeadInfo() {
    const h = data.logHead;
    if (!h) return;
    let text = `Log head #${h.seq} ${h.hash.slice(0, 12)}`;
    const pinned = parseHead(state.pin);
    if (pinned) text += ` · viewing the log as it stood at #${pinned.seq} ${pinned.hash.slice(0, 12)}`;
    $("#head-info").textContent = text;
  }
  function renderHeadNotice() {
    const notice = $("#head-notice");
    const link = data.linkHead;
    if (!link) { notice.hidden = true; return; }
    const now = data.logHead;
    const later = now.seq - link.seq;
    $("#head-notice-text").textContent =
      `The log has moved on since this link was made: the link was made at log head #${link.seq} ` +
      `${link.hash.slice(0, 12)}, and the log now ends at #${now.seq} ${now.hash.slice(0, 12)}` +
      (later > 0 ? ` (${plural(later, "record")} later).` : ".");
    $("#head-pinned").hidden = false;
    $("#head-pinned").setAttribute("aria-pressed", String(!!state.pin));
    $("#head-current").setAttribute("aria-pressed", String(!state.pin));
    notice.hidden = false;
  }
  function showHeadNotInLog(link) {
    const notice = $("#head-notice");
    $("#head-notice-text").textContent =
      `This link was made at log head #${link.seq} ${link.hash.slice(0, 12)}, which this log does not contain ` +
      `(it ends at #${data.logHead.seq} ${data.logHead.hash.slice(0, 12)}). Showing the current log.`;
    $("#head-pinned").hidden = true;
    $("#head-current").setAttribute("aria-pressed", "true");
    notice.hidden = false;
  }
  async function usePin(pinned) {
    state.pin = pinned && data.linkHead ? headString(data.linkHead) : null;
    if (state.known !== null && state.known >= knownMax()) state.known = null;
    data.allIntervals.clear();
    renderHeadNotice();
    renderHeadInfo();
    setupKnownSlider();
    writeURL();
    await reloadAll();
  }

  // ---------------------------------------------------------------- organizations

  async function loadOrgs() {
    const answer = await api("/api/v1/orgs");
    const list = rowsOf(answer).map((o) => ({ ...o }));
    const byId = new Map(list.map((o) => [o.id, o]));
    // Predecessors dissolved before today: ask for the organizations the day before a successor's founding.
    for (let round = 0; round < 3; round++) {
      const wanted = new Map();
      for (const o of byId.values()) {
        if (o.predecessor && !byId.has(o.predecessor)) {
          const f = parseEDTF(o.founded);
          if (f) wanted.set(isoOf(f.lo - 1), true);
        }
      }
      if (!wanted.size) break;
      const answers = await Promise.all([...wanted.keys()].map((at) => api("/api/v1/orgs", { at }).catch(() => null)));
      let added = 0;
      for (const a of answers) for (const o of rowsOf(a)) if (!byId.has(o.id)) { byId.set(o.id, { ...o }); added++; }
      if (!added) break;
    }
    data.orgs = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
    data.orgById = byId;
    renderOrgOptions("");
  }
  function orgMatches(o, q) {
    if (!q) return true;
    const s = q.toLowerCase();
    return o.id.toLowerCase().includes(s) || String(o.name || "").toLowerCase().includes(s);
  }
  function renderOrgOptions(filter) {
    const select = $("#org");
    const current = state.org || select.value;
    select.replaceChildren();
    const active = el("optgroup", { label: "In existence" });
    const past = el("optgroup", { label: "Dissolved" });
    for (const o of data.orgs) {
      if (!orgMatches(o, filter) && o.id !== current) continue;
      const label = `${o.id} — ${o.name || o.id}` + (o.dissolved ? ` (${o.founded}–${o.dissolved})` : "");
      (o.dissolved ? past : active).append(el("option", { value: o.id }, label));
    }
    if (current && !data.orgById.has(current)) active.append(el("option", { value: current }, current));
    if (active.children.length) select.append(active);
    if (past.children.length) select.append(past);
    if (current) select.value = current;
  }
  function firstOrgMatch(q) {
    const s = q.trim().toLowerCase();
    if (!s) return null;
    return data.orgs.find((o) => o.id.toLowerCase() === s) ||
      data.orgs.find((o) => String(o.name || "").toLowerCase() === s) ||
      data.orgs.find((o) => o.id.toLowerCase().startsWith(s)) ||
      data.orgs.find((o) => orgMatches(o, s)) || null;
  }
  function resolveOrgId(q) {
    if (!q) return null;
    const o = firstOrgMatch(q);
    return o ? o.id : q.toUpperCase();
  }

  /** Loads what depends on the organization and the known-at record: its history and intervals. */
  async function loadOrgData() {
    const org = state.org;
    const signal = channel("org");
    const params = { known: knownParam() };
    const [history, intervals] = await Promise.all([
      api(`/api/v1/orgs/${seg(org)}/history`, params, { signal }),
      intervalsRequest(org, signal),
    ]);
    if (signal.aborted || org !== state.org) throw new DOMException("aborted", "AbortError");
    data.orgHistory = rowsOf(history);
    data.orgIntervals = rowsOf(intervals).filter((r) => !r.org || r.org === org);
    for (const r of data.orgHistory) if (r.country && r.what && !data.names.has(r.country)) {
      const m = String(r.what).match(/^([^:]+): /);
      if (m && !/\s(in|of)\s/.test(m[1])) data.names.set(r.country, m[1]);
    }
    computeSnaps();
    setupDateSlider();
  }

  function orgSpan(org) {
    const o = data.orgById.get(org);
    const f = o ? parseEDTF(o.founded) : null;
    let lo = f ? f.lo : null;
    if (lo === null) {
      for (const r of data.orgHistory) { const d = parseEDTF(r.date); if (d && (lo === null || d.lo < lo)) lo = d.lo; }
    }
    const today = todayDay();
    if (lo === null || lo > today) lo = today - 365 * 30;
    const diss = o && o.dissolved ? parseEDTF(o.dissolved) : null;
    return { lo, hi: today, dissolved: diss ? diss.lo : null };
  }
  function computeSnaps() {
    const { lo, hi } = orgSpan(state.org);
    const rows = new Map();
    const add = (day, row) => {
      if (day < lo || day > hi) return;
      if (!rows.has(day)) rows.set(day, []);
      if (row) rows.get(day).push(row);
    };
    add(lo, null);
    for (const r of data.orgHistory) { const d = parseEDTF(r.date); if (d) add(d.hi, r); }
    data.snaps = [...rows.keys()].sort((a, b) => a - b);
    data.snapRows = rows;
  }

  // ---------------------------------------------------------------- the date slider

  function setupDateSlider() {
    const { lo, hi } = orgSpan(state.org);
    data.rangeMin = lo;
    data.rangeMax = hi;
    const range = $("#date");
    range.min = String(lo);
    range.max = String(hi);
    range.setAttribute("min", String(lo));
    range.setAttribute("max", String(hi));
    $("#date-min").textContent = isoOf(lo);
    $("#date-max").textContent = `${isoOf(hi)} (today)`;
    const ticks = $("#date-ticks");
    ticks.replaceChildren(...data.snaps.map((d) => el("option", { value: String(d) })));
    reflectDate();
  }
  function currentDay() {
    const p = parseEDTF(state.at);
    return p ? p.hi : todayDay();
  }
  function clampDay(day) { return Math.min(data.rangeMax, Math.max(data.rangeMin, day)); }
  /** Shows state.at in the slider, the text field and the lanes, without loading anything. */
  function reflectDate() {
    const day = currentDay();
    const range = $("#date");
    range.value = String(day);
    range.setAttribute("value", String(day));
    range.setAttribute("aria-valuetext", state.at);
    const text = $("#date-text");
    if (document.activeElement !== text) text.value = state.at;
    text.setAttribute("value", state.at);
    text.dataset.date = state.at;
    text.classList.remove("bad");
    const rows = data.snapRows.get(day) || [];
    const shown = rows.filter((r) => !QUIET_TYPES.has(r.type));
    const first = shown[0] || rows[0];
    $("#date-event").textContent = first
      ? `${first.date}: ${first.what}${rows.length > 1 ? ` (and ${plural(rows.length - 1, "more event")})` : ""}`
      : "";
    moveNowLines();
  }

  let viewTimer = null;
  function scheduleView(delay = 90) {
    if (viewTimer) clearTimeout(viewTimer); else pending++;
    updateBusy();
    viewTimer = setTimeout(() => {
      viewTimer = null;
      pending--;
      loadView().catch(showError).finally(updateBusy);
    }, delay);
  }
  /** Moves the view to a day: immediate feedback, then the roster, map and panels. */
  function setAt(day, { immediate = false } = {}) {
    const iso = isoOf(clampDay(day));
    const changed = iso !== state.at;
    state.at = iso;
    reflectDate();
    writeURL();
    if (changed || immediate) scheduleView(immediate ? 0 : 90);
  }
  function nearestSnap(day, within) {
    let best = null;
    for (const s of data.snaps) {
      const d = Math.abs(s - day);
      if (d <= within && (best === null || d < Math.abs(best - day))) best = s;
    }
    return best;
  }
  function nextSnap(day, dir) {
    if (dir > 0) return data.snaps.find((s) => s > day) ?? null;
    for (let i = data.snaps.length - 1; i >= 0; i--) if (data.snaps[i] < day) return data.snaps[i];
    return null;
  }

  function setupDateControls() {
    const range = $("#date");
    let keyMove = false;
    range.addEventListener("keydown", (ev) => {
      const day = currentDay();
      let target = null;
      if (ev.key === "ArrowRight" || ev.key === "ArrowUp") {
        target = ev.shiftKey ? day + 1 : (nextSnap(day, 1) ?? data.rangeMax);
      } else if (ev.key === "ArrowLeft" || ev.key === "ArrowDown") {
        target = ev.shiftKey ? day - 1 : (nextSnap(day, -1) ?? data.rangeMin);
      } else if (ev.key === "PageUp") target = day + 365;
      else if (ev.key === "PageDown") target = day - 365;
      else if (ev.key === "Home") target = data.rangeMin;
      else if (ev.key === "End") target = data.rangeMax;
      if (target === null) return;
      ev.preventDefault();
      stopPlay();
      keyMove = true;
      setAt(target);
      keyMove = false;
    });
    range.addEventListener("input", () => {
      if (keyMove) return;
      stopPlay();
      let day = Number(range.value);
      const within = Math.max(1, Math.round((data.rangeMax - data.rangeMin) / 200));
      const snap = nearestSnap(day, within);
      if (snap !== null) day = snap;
      setAt(day);
    });
    const text = $("#date-text");
    const commit = () => {
      const p = parseEDTF(text.value);
      if (!p) { text.classList.add("bad"); text.setAttribute("aria-invalid", "true"); return; }
      text.removeAttribute("aria-invalid");
      stopPlay();
      setAt(p.hi, { immediate: true });
      text.value = state.at;
    };
    text.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); commit(); } });
    text.addEventListener("change", commit);
    $("#prev-event").addEventListener("click", () => { stopPlay(); const s = nextSnap(currentDay(), -1); if (s !== null) setAt(s); });
    $("#next-event").addEventListener("click", () => { stopPlay(); const s = nextSnap(currentDay(), 1); if (s !== null) setAt(s); });
    $("#play").addEventListener("click", () => (playTimer ? stopPlay() : startPlay()));
  }

  let playTimer = null;
  function startPlay() {
    if (!data.snaps.length) return;
    if (nextSnap(currentDay(), 1) === null) setAt(data.rangeMin);
    const btn = $("#play");
    btn.setAttribute("aria-pressed", "true");
    btn.setAttribute("aria-label", "Pause");
    btn.querySelector(".play-icon").textContent = "❚❚";
    btn.querySelector(".play-text").textContent = "Pause";
    playTimer = setInterval(() => {
      const s = nextSnap(currentDay(), 1);
      if (s === null) { stopPlay(); return; }
      setAt(s);
    }, 900);
  }
  function stopPlay() {
    if (!playTimer) return;
    clearInterval(playTimer);
    playTimer = null;
    const btn = $("#play");
    btn.setAttribute("aria-pressed", "false");
    btn.setAttribute("aria-label", "Play through the events");
    btn.querySelector(".play-icon").textContent = "▶";
    btn.querySelector(".play-text").textContent = "Play";
  }

  // ---------------------------------------------------------------- the known-at slider

  function setupKnownSlider() {
    const range = $("#known");
    const max = knownMax();
    range.min = "1";
    range.max = String(max);
    range.setAttribute("max", String(max));
    const value = state.known === null ? max : Math.min(state.known, max);
    range.value = String(value);
    range.setAttribute("value", String(value));
    renderKnownText();
  }
  function renderKnownText() {
    const max = knownMax();
    const out = $("#known-text");
    const range = $("#known");
    const text = state.known === null
      ? `latest: all ${max} records`
      : `as known after record #${state.known} of ${max}`;
    out.textContent = text;
    range.setAttribute("aria-valuetext", text);
    $("#known-latest").disabled = state.known === null;
  }
  let knownTimer = null;
  function setKnown(value) {
    const max = knownMax();
    const v = Math.max(1, Math.min(max, Math.round(value)));
    state.known = v >= max ? null : v;
    const range = $("#known");
    range.value = String(v);
    range.setAttribute("value", String(v));
    renderKnownText();
    writeURL();
    if (knownTimer) clearTimeout(knownTimer); else pending++;
    updateBusy();
    knownTimer = setTimeout(() => {
      knownTimer = null;
      pending--;
      reloadAll().finally(updateBusy);
    }, 250);
  }
  function setupKnownControls() {
    const range = $("#known");
    range.addEventListener("input", () => setKnown(Number(range.value)));
    $("#known-latest").addEventListener("click", () => setKnown(knownMax()));
  }

  // ---------------------------------------------------------------- the roster

  async function loadView() {
    const org = state.org, at = state.at;
    const signal = channel("roster");
    const tasks = [];
    tasks.push((async () => {
      const answer = await api(`/api/v1/orgs/${seg(org)}/roster`, { at, known: knownParam() }, { signal });
      if (signal.aborted || org !== state.org || at !== state.at) return;
      data.roster = answer;
      data.rosterRows = rowsOf(answer);
      for (const r of data.rosterRows) if (r.country && r.name) data.names.set(r.country, r.name);
      clearError();
      renderRoster();
      renderMap();
      renderLegend();
      renderCitation();
      renderHeadInfo();
    })());
    if (state.country) tasks.push(loadCountryAt());
    const results = await Promise.allSettled(tasks);
    for (const r of results) if (r.status === "rejected") showError(r.reason);
  }

  function renderRoster() {
    const org = state.org;
    const rows = data.rosterRows;
    const top = topStatusOf(org);
    const tbody = $("#roster tbody");
    const trs = rows.map((r) => {
      const possible = r.certainty === "possible";
      const suspended = r.suspended === true;
      const tr = el("tr", {
        "data-code": r.country, "data-status": r.status, tabindex: "0",
        class: ["clickable", possible && "possible", suspended && "suspended",
          !data.shapes.has(r.country) && data.world && "no-shape", r.country === state.country && "selected"]
          .filter(Boolean).join(" "),
        "aria-label": `${r.name || r.country}: ${statusWords(r.status)} since ${r.since}` +
          (possible ? ", possible" : "") + (suspended ? ", suspended" : "") + ". Open the country.",
      });
      const colour = colourFor(org, r.status);
      tr.append(
        el("td", { "data-key": "ordinal" }, r.ordinal === null || r.ordinal === undefined ? "" : String(r.ordinal)),
        el("td", { "data-key": "country" }, r.country),
        el("td", { "data-key": "name" }, (r.name || nameOf(r.country)) + (r.kind === "organization" ? " (organization)" : "")),
        el("td", { "data-key": "status" },
          el("span", { class: `swatch${possible ? " possible" : ""}${suspended ? " suspended" : ""}`, style: `background-color:${colour}`, "aria-hidden": "true" }),
          r.status),
        el("td", { "data-key": "since" }, r.since || ""),
        el("td", { "data-key": "certainty" }, r.certainty || ""),
        el("td", { "data-key": "suspended", "data-value": String(suspended) }, suspended ? "yes" : "no"),
        el("td", { "data-key": "why" }, el("button", {
          type: "button", class: "link-button why-link", "aria-label": `Why ${r.name || r.country} is ${statusWords(r.status)} at ${state.at}`,
          onclick: (ev) => { ev.stopPropagation(); openWhy(org, r.country, state.at); },
        }, "why")),
      );
      tr.addEventListener("click", () => openCountry(r.country));
      activateOnKeys(tr, () => openCountry(r.country));
      return tr;
    });
    tbody.replaceChildren(...trs);
    // The suspended column shows only when the answer has one (the API adds it when any row is suspended).
    $("#roster").classList.toggle("no-suspended", !rows.some((r) => "suspended" in r));
    if (!rows.length) {
      tbody.append(el("tr", { class: "empty" }, el("td", { colspan: "8" }, `No country holds a status in ${org} at ${state.at}.`)));
    }
    const members = rows.filter((r) => r.status === top);
    $("#roster-summary").textContent = `${plural(members.length, top === "member" ? "member" : statusWords(top))} at ${state.at}`;
    const others = new Map();
    for (const r of rows) if (r.status !== top) others.set(r.status, (others.get(r.status) || 0) + 1);
    const parts = [...others].map(([s, n]) => plural(n, statusWords(s)));
    const possible = rows.filter((r) => r.certainty === "possible").length;
    const suspended = rows.filter((r) => r.suspended === true).length;
    let detail = `${org}${data.orgById.get(org) ? " (" + data.orgById.get(org).name + ")" : ""}`;
    if (parts.length) detail += `; also ${parts.join(", ")}`;
    if (possible) detail += `; ${possible} possible (an event behind the row may fall after the date)`;
    if (suspended) detail += `; ${suspended} suspended`;
    if (state.known !== null) detail += `; as known after record #${state.known}`;
    $("#roster-detail").textContent = detail + ".";
    const notes = $("#roster-notes");
    notes.replaceChildren(...notesOf(data.roster).map((n) => el("li", {}, n)));
  }

  // ---------------------------------------------------------------- the map

  function buildMap(world) {
    const wrap = $("#map-wrap");
    if (!world || !Array.isArray(world.countries) || !world.countries.length) {
      data.world = null;
      wrap.replaceChildren(el("div", { class: "empty", id: "map-empty" }, "The map is not available (world.json has no countries)."));
      const stub = svg("svg", { id: "map", viewBox: "0 0 1000 500", role: "img", "aria-label": "World map (not available)" });
      stub.style.display = "none";
      wrap.append(stub);
      return;
    }
    data.world = world;
    const w = Number(world.width) || 1000, h = Number(world.height) || 500;
    const root = svg("svg", {
      id: "map", xmlns: SVGNS, viewBox: `0 0 ${w} ${h}`, width: w, height: h,
      role: "group", "aria-labelledby": "map-heading map-desc", "font-family": "sans-serif",
    });
    root.append(svg("desc", { id: "map-desc", text: "World map coloured by each country's status in the organization at the date; select a country to open it." }));
    root.append(svg("defs"));
    root.append(svg("rect", { class: "sea", x: 0, y: 0, width: w, height: h, fill: SEA_COLOR }));
    const g = svg("g", { class: "countries", stroke: BORDER_COLOR, "stroke-width": 0.5, "stroke-linejoin": "round" });
    for (const c of world.countries) {
      if (!c || !c.code || !c.d) continue;
      if (c.name && !data.names.has(c.code)) data.names.set(c.code, c.name);
      const p = svg("path", {
        d: c.d, "data-code": c.code, fill: LAND_COLOR, tabindex: "-1", role: "button",
        "vector-effect": "non-scaling-stroke",
      }, svgTitle(c.name ? `${c.name} (${c.code})` : c.code));
      p.addEventListener("click", () => openCountry(c.code));
      activateOnKeys(p, () => openCountry(c.code));
      g.append(p);
      data.shapes.set(c.code, p);
    }
    root.append(g);
    if (world.source) root.append(svg("metadata", { text: `Map: ${world.source}` }));
    wrap.replaceChildren(root);
    data.mapSize = { w, h };
  }
  function renderMap() {
    const root = $("#map");
    if (!data.world || !root) { renderMissing(); return; }
    const org = state.org;
    const byCode = new Map(data.rosterRows.map((r) => [r.country, r]));
    for (const [code, p] of data.shapes) {
      const r = byCode.get(code);
      let fill = LAND_COLOR, opacity = null;
      let title = `${nameOf(code)} (${code}): no status in ${org} at ${state.at}`;
      if (r) {
        const colour = colourFor(org, r.status);
        fill = r.suspended === true ? ensureHatch(root, colour) : colour;
        if (r.certainty === "possible") opacity = POSSIBLE_OPACITY;
        title = `${r.name || nameOf(code)} (${code}): ${r.status} of ${org} since ${r.since}` +
          (r.certainty === "possible" ? " (possible)" : "") + (r.suspended === true ? ", suspended" : "") + ` — at ${state.at}`;
      }
      p.setAttribute("fill", fill);
      if (opacity === null) p.removeAttribute("fill-opacity"); else p.setAttribute("fill-opacity", String(opacity));
      p.setAttribute("tabindex", r ? "0" : "-1");
      p.setAttribute("data-status", r ? r.status : "");
      p.classList.toggle("selected", code === state.country);
      p.querySelector("title").textContent = title;
    }
    // Countries with a status come after the others so that their borders are on top.
    const g = root.querySelector("g.countries");
    for (const r of data.rosterRows) { const p = data.shapes.get(r.country); if (p) g.append(p); }
    if (state.country && data.shapes.get(state.country)) g.append(data.shapes.get(state.country));
    renderMissing();
  }
  let mapFit = false;
  /** Zooms the map to the countries that ever held a status in the organization, or back to the world. */
  function applyMapFit() {
    const root = $("#map");
    const btn = $("#map-fit");
    if (btn) btn.setAttribute("aria-pressed", String(mapFit));
    if (!data.world || !root || !data.mapSize) return;
    const { w, h } = data.mapSize;
    let box = null;
    if (mapFit) {
      const codes = new Set([...data.orgIntervals.map((r) => r.country), ...data.rosterRows.map((r) => r.country)]);
      for (const code of codes) {
        const p = data.shapes.get(code);
        if (!p) continue;
        const b = p.getBBox();
        if (!b.width && !b.height) continue;
        box = box ? { x0: Math.min(box.x0, b.x), y0: Math.min(box.y0, b.y), x1: Math.max(box.x1, b.x + b.width), y1: Math.max(box.y1, b.y + b.height) }
          : { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
      }
    }
    if (!box) { root.setAttribute("viewBox", `0 0 ${w} ${h}`); return; }
    let bw = (box.x1 - box.x0) * 1.1 + 10, bh = (box.y1 - box.y0) * 1.1 + 10;
    // Keep the world map's proportions, so the page layout does not jump.
    if (bw / bh > w / h) bh = bw * h / w; else bw = bh * w / h;
    bw = Math.min(bw, w); bh = Math.min(bh, h);
    const cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
    const x = Math.min(w - bw, Math.max(0, cx - bw / 2)), y = Math.min(h - bh, Math.max(0, cy - bh / 2));
    root.setAttribute("viewBox", `${x.toFixed(1)} ${y.toFixed(1)} ${bw.toFixed(1)} ${bh.toFixed(1)}`);
  }
  function renderMissing() {
    // Organizations taking part (the EU in the G20) have no shape of their own: said in words.
    const missing = data.world ? data.rosterRows.filter((r) => !data.shapes.has(r.country)) : [];
    const what = (r) => (r.kind === "organization" ? "an organization, " : "");
    $("#map-missing").textContent = missing.length
      ? `Not on the map: ${missing.map((r) => `${r.name || nameOf(r.country)} (${r.country}, ${what(r)}${r.status})`).join(", ")}.`
      : "";
  }
  function renderLegend() {
    const org = state.org;
    data.statuses = computeStatuses(org, data.orgIntervals, data.rosterRows);
    const counts = new Map();
    for (const r of data.rosterRows) counts.set(r.status, (counts.get(r.status) || 0) + 1);
    const items = data.statuses.map((s) => el("span", {},
      el("span", { class: "swatch", style: `background-color:${colourFor(org, s)}`, "aria-hidden": "true" }),
      `${s}${counts.get(s) ? ` (${counts.get(s)})` : ""}`));
    const top = colourFor(org, data.statuses[0]);
    items.push(
      el("span", {}, el("span", { class: "swatch possible", style: `background-color:${top}`, "aria-hidden": "true" }), "possible (translucent)"),
      el("span", {}, el("span", { class: "swatch suspended", style: `background-color:${top}`, "aria-hidden": "true" }), "suspended (hatched)"),
      el("span", {}, el("span", { class: "swatch", style: `background-color:${LAND_COLOR}`, "aria-hidden": "true" }), "no status"),
    );
    $("#legend").replaceChildren(...items);
  }

  // ---------------------------------------------------------------- swimlanes

  /** Suspended spans [lo, hi) per key from history rows (suspension … reinstatement/withdrawal). */
  function suspendedSpans(rows, keyOf) {
    const open = new Map(), spans = new Map();
    const sorted = rows.map((r) => ({ r, d: parseEDTF(r.date) })).filter((x) => x.d).sort((a, b) => a.d.lo - b.d.lo || (a.r.seq || 0) - (b.r.seq || 0));
    for (const { r, d } of sorted) {
      const key = keyOf(r);
      if (!key) continue;
      if (r.type === "suspension") { if (!open.has(key)) open.set(key, { lo: d.lo, row: r }); }
      else if (["reinstatement", "withdrawal", "expulsion", "dissolution", "succession", "merger", "breakup"].includes(r.type) && open.has(key)) {
        const s = open.get(key);
        open.delete(key);
        if (!spans.has(key)) spans.set(key, []);
        spans.get(key).push({ lo: s.lo, hi: d.lo, row: s.row, end: r });
      }
    }
    for (const [key, s] of open) {
      if (!spans.has(key)) spans.set(key, []);
      spans.get(key).push({ lo: s.lo, hi: null, row: s.row, end: null });
    }
    return spans;
  }
  /** The history row behind an interval: the event about that country on the interval's first date. */
  function eventFor(rows, country, org, status, from) {
    const same = rows.filter((r) => r.date === from && (!org || !r.org || r.org === org));
    return same.find((r) => r.country === country && r.status === status && STATUS_TYPES.has(r.type)) ||
      same.find((r) => r.country === country && STATUS_TYPES.has(r.type)) ||
      same.find((r) => r.type === "founding") ||
      same.find((r) => r.country === country) || null;
  }
  function eventText(r) {
    if (!r) return "";
    return `${r.type} ${r.date}${r.org ? " (" + r.org + ")" : ""}: ${r.what || ""}\nsource: ${r.source || "—"} [record #${r.seq}]`;
  }

  const lanesCharts = []; // {root, x, top, bottom, id}
  /**
   * An SVG swimlane chart. lanes: [{key, label, attrs, bars: [{status, colour, from, to, lo, hi, loHi,
   * suspended: [{lo, hi}], title}], events: [{day, row, major}], onOpen}], domain: [lo, hi].
   */
  function buildLanes({ id, title, lanes, domain, onEvent, width }) {
    const W = Math.max(300, Math.round(width || 1000)), right = 10, top = 34;
    const narrow = W < 480;
    const labelW = narrow ? 96 : 178, maxChars = narrow ? 15 : 30;
    const laneH = lanes.length > 60 ? 14 : 20;
    const H = top + Math.max(1, lanes.length) * laneH + (lanes.length > 15 ? 16 : 12);
    const [d0, d1] = domain;
    const span = Math.max(1, d1 - d0);
    const x = (day) => labelW + (Math.min(d1, Math.max(d0, day)) - d0) / span * (W - labelW - right);
    const root = svg("svg", {
      id, xmlns: SVGNS, viewBox: `0 0 ${W} ${H}`, width: W, height: H, "font-family": "sans-serif", "font-size": narrow ? 10 : laneH > 14 ? 12 : 10,
      role: "group", "aria-label": title,
    });
    root.append(svgTitle(title), svg("defs"), svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }));
    // Axis: years.
    const y0 = yearOf(d0), y1 = yearOf(d1);
    const years = y1 - y0;
    const maxTicks = Math.max(3, Math.floor((W - labelW) / 60));
    const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => years / s <= maxTicks) || 100;
    const axis = svg("g", { class: "axis", fill: "#5a6275" });
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
      const xx = x(dayOf(y, 1, 1));
      if (xx < labelW) continue;
      axis.append(svg("line", { x1: xx, x2: xx, y1: top - 6, y2: H - 8, stroke: "#e1e4ea", "stroke-width": 1 }));
      axis.append(svg("text", { x: xx, y: top - 10, "text-anchor": "middle", text: String(y) }));
      if (lanes.length > 15) axis.append(svg("text", { x: xx, y: H - 1, "text-anchor": "middle", text: String(y) }));
    }
    root.append(axis);
    lanes.forEach((lane, i) => {
      const y = top + i * laneH;
      const g = svg("g", { class: "lane", tabindex: "0", role: "button", ...lane.attrs, "aria-label": lane.ariaLabel || lane.label });
      g.append(svg("rect", { class: "lane-bg", x: 0, y, width: W, height: laneH, fill: i % 2 ? "#f6f7f9" : "#ffffff" }));
      const label = narrow && lane.shortLabel ? lane.shortLabel : lane.label;
      g.append(svg("text", { class: "label", x: labelW - 8, y: y + laneH * 0.7, "text-anchor": "end", fill: "#1d2330", text: label.length > maxChars ? label.slice(0, maxChars - 1) + "…" : label }, svgTitle(lane.ariaLabel || lane.label)));
      for (const b of lane.bars) {
        const bx = x(b.lo), bw = Math.max(1.5, x(b.hi) - bx);
        const attrs = { class: "bar", "data-status": b.status, "data-from": b.from, "data-to": b.to || "", x: bx, y: y + 3, width: bw, height: laneH - 6, fill: b.colour };
        const certain = b.loHi > b.lo ? Math.min(b.hi, b.loHi) : b.lo;
        if (certain > b.lo) {
          // The start is known only to its precision (a month, a year): that part is drawn lighter.
          g.append(svg("rect", { ...attrs, class: "bar uncertain", width: Math.max(1, x(certain) - bx), "fill-opacity": 0.4 }, svgTitle(b.title + "\n(the start falls somewhere in this span)")));
          g.append(svg("rect", { ...attrs, x: x(certain), width: Math.max(1, x(b.hi) - x(certain)) }, svgTitle(b.title)));
        } else {
          g.append(svg("rect", attrs, svgTitle(b.title)));
        }
        for (const s of b.suspended || []) {
          const s0 = Math.max(b.lo, s.lo), s1 = Math.min(b.hi, s.hi === null ? b.hi : s.hi);
          if (s1 <= s0) continue;
          g.append(svg("rect", { class: "bar suspended", x: x(s0), y: y + 3, width: Math.max(1.5, x(s1) - x(s0)), height: laneH - 6, fill: ensureHatch(root, b.colour) },
            svgTitle(`suspended from ${s.row.date}${s.end ? " to " + s.end.date : ""}\n${eventText(s.row)}`)));
        }
      }
      for (const ev of lane.events || []) {
        const cx = x(ev.day), cy = y + laneH / 2, r = ev.major ? laneH * 0.3 : laneH * 0.18;
        const m = svg("path", {
          class: "marker", d: `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`,
          fill: ev.major ? "#1d2330" : "#8a93a6", stroke: "#ffffff", "stroke-width": 0.8, "data-seq": ev.row.seq,
        }, svgTitle(eventText(ev.row) + "\n(click for why)"));
        m.addEventListener("click", (e) => { e.stopPropagation(); onEvent(ev.row, lane); });
        g.append(m);
      }
      g.addEventListener("click", () => lane.onOpen());
      activateOnKeys(g, () => lane.onOpen());
      root.append(g);
    });
    if (!lanes.length) root.append(svg("text", { x: labelW, y: top + 14, fill: "#5a6275", text: "No status intervals." }));
    const now = svg("g", { class: "now" });
    now.append(svg("line", { class: "now-line", x1: 0, x2: 0, y1: top - 4, y2: H - 6, stroke: NOW_COLOR, "stroke-width": 2 }));
    now.append(svg("text", { class: "now-label", x: 0, y: 12, "text-anchor": "middle", fill: NOW_COLOR, "font-weight": "bold" }));
    root.append(now);
    const chart = { root, x, labelW, W };
    return chart;
  }
  function moveNowLines() {
    const day = currentDay();
    for (const chart of lanesCharts) {
      if (!chart.root.isConnected) continue;
      const xx = chart.x(day);
      const line = chart.root.querySelector(".now-line");
      line.setAttribute("x1", xx);
      line.setAttribute("x2", xx);
      const label = chart.root.querySelector(".now-label");
      label.setAttribute("x", Math.min(chart.W - 36, Math.max(chart.labelW + 36, xx)));
      label.textContent = state.at;
    }
  }
  function registerChart(chart) {
    for (let i = lanesCharts.length - 1; i >= 0; i--) if (!lanesCharts[i].root.isConnected || lanesCharts[i].root.id === chart.root.id) lanesCharts.splice(i, 1);
    lanesCharts.push(chart);
    moveNowLines();
  }

  function buildBars(intervals, org, history, country, spans, domainHi) {
    return intervals.map((iv) => {
      const f = parseEDTF(iv.from), t = iv.to ? parseEDTF(iv.to) : null;
      const lo = f ? f.lo : domainHi, hi = t ? t.lo : domainHi;
      const ev = eventFor(history, country, org, iv.status, iv.from);
      const title = `${countryLabel(country)}: ${iv.status} of ${org} from ${iv.from}${iv.to ? " to " + iv.to : " (to now)"}` +
        (ev ? `\n${eventText(ev)}` : "");
      return { status: iv.status, colour: colourFor(org, iv.status), from: iv.from, to: iv.to, lo, hi: Math.max(hi, lo), loHi: f ? f.hi : lo, suspended: spans || [], title };
    });
  }
  function laneEvents(rows, domain) {
    const out = [];
    for (const r of rows) {
      if (QUIET_TYPES.has(r.type)) continue;
      const d = parseEDTF(r.date);
      if (!d || d.hi < domain[0] || d.lo > domain[1]) continue;
      out.push({ day: d.hi, row: r, major: STATUS_TYPES.has(r.type) });
    }
    return out;
  }
  function renderOrgChart() {
    const org = state.org;
    const { lo, hi } = orgSpan(org);
    const domain = [lo, hi];
    const order = [];
    const byCountry = new Map();
    for (const iv of data.orgIntervals) {
      if (!byCountry.has(iv.country)) { byCountry.set(iv.country, []); order.push(iv.country); }
      byCountry.get(iv.country).push(iv);
    }
    const spans = suspendedSpans(data.orgHistory.filter((r) => r.country), (r) => r.country);
    const lanes = order.map((code) => {
      const rows = data.orgHistory.filter((r) => r.country === code);
      return {
        label: countryLabel(code),
        shortLabel: nameOf(code),
        ariaLabel: `${countryLabel(code)} in ${org}: open the country`,
        attrs: { "data-country": code, class: `lane${code === state.country ? " selected" : ""}` },
        bars: buildBars(byCountry.get(code), org, data.orgHistory, code, spans.get(code), hi),
        events: laneEvents(rows.filter((r) => r.type !== "founding" || r.country === code), domain),
        onOpen: () => openCountry(code),
      };
    });
    const chart = buildLanes({
      id: "chart", title: `${org}: every country's status over time, ${isoOf(lo)} to ${isoOf(hi)}`, lanes, domain,
      width: $("#chart-wrap").clientWidth,
      onEvent: (row) => openWhy(org, row.country, isoOf(parseEDTF(row.date).hi)),
    });
    $("#chart-wrap").replaceChildren(chart.root);
    registerChart(chart);
  }

  // ---------------------------------------------------------------- the country panel

  async function openCountry(code, { focus = true } = {}) {
    if (!code) return;
    code = String(code).toUpperCase();
    const changed = code !== state.country;
    state.country = code;
    writeURL();
    const panel = $("#country-panel");
    panel.hidden = false;
    $("#country-heading").textContent = countryLabel(code);
    highlightCountry();
    if (changed || !data.countryHistory.length) {
      $("#memberships tbody").replaceChildren();
      $("#country-history tbody").replaceChildren();
      $("#country-chart-wrap").replaceChildren();
    }
    if (focus) panel.scrollIntoView({ block: "nearest", behavior: "smooth" });
    const results = await Promise.allSettled([loadCountryAt(), loadCountryHistory()]);
    for (const r of results) if (r.status === "rejected") showError(r.reason);
  }
  function closeCountry() {
    state.country = null;
    channel("country-at"); channel("country");
    $("#country-panel").hidden = true;
    highlightCountry();
    writeURL();
  }
  function highlightCountry() {
    for (const tr of document.querySelectorAll("#roster tbody tr[data-code]")) tr.classList.toggle("selected", tr.dataset.code === state.country);
    for (const [code, p] of data.shapes) p.classList.toggle("selected", code === state.country);
    for (const g of document.querySelectorAll("#chart .lane")) g.classList.toggle("selected", g.dataset.country === state.country);
  }
  async function loadCountryAt() {
    const code = state.country, at = state.at;
    if (!code) return;
    const signal = channel("country-at");
    const answer = await api(`/api/v1/countries/${seg(code)}/memberships`, { at, known: knownParam() }, { signal });
    if (signal.aborted || code !== state.country || at !== state.at) return;
    data.countryMemberships = answer;
    renderMemberships();
  }
  function renderMemberships() {
    const rows = rowsOf(data.countryMemberships);
    $("#memberships-date").textContent = state.at;
    const trs = rows.map((r) => {
      const possible = r.certainty === "possible", suspended = r.suspended === true;
      const tr = el("tr", {
        "data-org": r.org, tabindex: "0", class: ["clickable", possible && "possible", suspended && "suspended", r.org === state.org && "selected"].filter(Boolean).join(" "),
        "aria-label": `${r.organization || r.org}: ${statusWords(r.status)} since ${r.since}. Explore this organization.`,
      },
      el("td", { "data-key": "org" }, r.org),
      el("td", { "data-key": "organization" }, r.organization || ""),
      el("td", { "data-key": "status" }, el("span", { class: `swatch${possible ? " possible" : ""}${suspended ? " suspended" : ""}`, style: `background-color:${colourFor(r.org, r.status)}`, "aria-hidden": "true" }), r.status),
      el("td", { "data-key": "since" }, r.since || ""),
      el("td", { "data-key": "certainty" }, r.certainty || ""),
      el("td", { "data-key": "suspended", "data-value": String(suspended) }, suspended ? "yes" : "no"));
      tr.addEventListener("click", () => selectOrg(r.org));
      activateOnKeys(tr, () => selectOrg(r.org));
      return tr;
    });
    $("#memberships tbody").replaceChildren(...trs);
    $("#memberships").classList.toggle("no-suspended", !rows.some((r) => "suspended" in r));
    const empty = $("#memberships-empty");
    empty.hidden = rows.length > 0;
    empty.textContent = `${countryLabel(state.country)} held no status in any organization at ${state.at}.`;
  }
  async function allIntervals(signal) {
    const key = `${state.known}|${state.pin}`;
    if (data.allIntervals.has(key)) return data.allIntervals.get(key);
    const rows = rowsOf(await intervalsRequest(null, signal));
    data.allIntervals.set(key, rows);
    return rows;
  }
  async function loadCountryHistory() {
    const code = state.country;
    if (!code) return;
    const signal = channel("country");
    const [history, intervals] = await Promise.all([
      api(`/api/v1/countries/${seg(code)}/history`, { known: knownParam() }, { signal }),
      allIntervals(signal),
    ]);
    if (signal.aborted || code !== state.country) return;
    data.countryHistory = rowsOf(history);
    data.countryIntervals = intervals.filter((r) => r.country === code);
    renderCountryHistory();
    renderCountryChart(data.countryIntervals);
  }
  function renderCountryHistory() {
    const code = state.country;
    const trs = data.countryHistory.map((r) => {
      const tr = el("tr", { "data-seq": r.seq, "data-org": r.org || "" },
        el("td", { "data-key": "date" }, r.date || ""),
        el("td", { "data-key": "org" }, r.org || ""),
        el("td", { "data-key": "type" }, r.type || ""),
        el("td", { "data-key": "what" }, r.what || ""),
        el("td", { "data-key": "source" }, sourceNode(r.source)),
        el("td", { "data-key": "why" }, r.org && parseEDTF(r.date) ? el("button", {
          type: "button", class: "link-button", "aria-label": `Why: ${countryLabel(code)} in ${r.org} at ${r.date}`,
          onclick: () => openWhy(r.org, code, isoOf(parseEDTF(r.date).hi)),
        }, "why") : ""));
      return tr;
    });
    $("#country-history tbody").replaceChildren(...trs);
    if (!trs.length) $("#country-history tbody").append(el("tr", {}, el("td", { colspan: "6" }, "No events about this country in the log.")));
  }
  function renderCountryChart(intervals) {
    const code = state.country;
    const today = todayDay();
    let lo = null;
    for (const iv of intervals) { const f = parseEDTF(iv.from); if (f && (lo === null || f.lo < lo)) lo = f.lo; }
    if (lo === null) { $("#country-chart-wrap").replaceChildren(el("p", { class: "detail" }, "No status in any organization.")); return; }
    lo = Math.min(lo, currentDay());
    const domain = [dayOf(yearOf(lo), 1, 1), today];
    const orgs = [];
    const byOrg = new Map();
    for (const iv of intervals) {
      if (!byOrg.has(iv.org)) { byOrg.set(iv.org, []); orgs.push(iv.org); }
      byOrg.get(iv.org).push(iv);
    }
    const spans = suspendedSpans(data.countryHistory.filter((r) => r.org), (r) => r.org);
    const lanes = orgs.map((org) => ({
      label: org,
      ariaLabel: `${org}${data.orgById.get(org) ? " (" + data.orgById.get(org).name + ")" : ""}: explore this organization`,
      attrs: { "data-org": org },
      bars: buildBars(byOrg.get(org), org, data.countryHistory, code, spans.get(org), today),
      events: laneEvents(data.countryHistory.filter((r) => r.org === org), domain),
      onOpen: () => selectOrg(org),
    }));
    const chart = buildLanes({
      id: "country-chart", title: `${countryLabel(code)} across organizations`, lanes, domain,
      width: $("#country-chart-wrap").clientWidth,
      onEvent: (row, lane) => openWhy(row.org || lane.label, code, isoOf(parseEDTF(row.date).hi)),
    });
    $("#country-chart-wrap").replaceChildren(chart.root);
    registerChart(chart);
  }

  // ---------------------------------------------------------------- why

  async function openWhy(org, country, at) {
    if (!org || !country) return;
    const panel = $("#why-panel");
    panel.hidden = false;
    $("#why-heading").textContent = `Why: ${countryLabel(country)} in ${org} at ${at}`;
    $("#why tbody").replaceChildren();
    $("#why-notes").replaceChildren();
    $("#why-statement").textContent = "";
    const signal = channel("why");
    try {
      // The why route has no `known`: as known at a record, the same statement goes through /query.
      const k = effectiveKnown();
      const answer = k === null
        ? await api(`/api/v1/orgs/${seg(org)}/why/${seg(country)}`, { at }, { signal })
        : await api("/api/v1/query", { q: `why ${quoted(country)} in ${quoted(org)} at ${at} known at seq ${k}` }, { signal, pin: false });
      if (signal.aborted) return;
      data.why = answer;
      $("#why-statement").textContent = answer.statement || `why ${country} in ${org} at ${at}`;
      const trs = rowsOf(answer).map((r) => el("tr", { "data-seq": r.seq, class: r.certainty === "possible" ? "possible" : null },
        el("td", { "data-key": "seq" }, String(r.seq ?? "")),
        el("td", { "data-key": "date" }, r.date || ""),
        el("td", { "data-key": "type" }, r.type || ""),
        el("td", { "data-key": "change" }, r.change || ""),
        el("td", { "data-key": "certainty" }, r.certainty || ""),
        el("td", { "data-key": "source" }, sourceNode(r.source))));
      $("#why tbody").replaceChildren(...trs);
      if (!trs.length) $("#why tbody").append(el("tr", {}, el("td", { colspan: "6" }, `No event gives ${countryLabel(country)} a status in ${org} at ${at}.`)));
      $("#why-notes").replaceChildren(...notesOf(answer).map((n) => el("li", {}, n)));
      panel.scrollIntoView({ block: "nearest", behavior: "smooth" });
      panel.focus({ preventScroll: true });
    } catch (e) {
      if (isAbort(e)) return;
      $("#why-statement").textContent = e.message;
    }
  }

  // ---------------------------------------------------------------- export and citation

  function citationText() {
    const h = viewHead() || data.logHead;
    if (!h || !state.org) return "";
    const hash = String(h.hash || "").slice(0, 12);
    return `Timeline, log head #${h.seq} ${hash}, members of ${state.org} at ${state.at}` +
      (state.known !== null ? `, as known after record #${state.known}` : "") + `, ${location.href}`;
  }
  function renderCitation() { $("#citation").textContent = citationText(); }
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }
  function baseName(what) { return `timeline-${state.org}-${state.at}${state.known !== null ? "-known" + state.known : ""}-${what}`; }
  function svgText(root) {
    const clone = root.cloneNode(true);
    clone.setAttribute("xmlns", SVGNS);
    clone.removeAttribute("style");
    for (const n of clone.querySelectorAll("[tabindex]")) n.removeAttribute("tabindex");
    const vb = (clone.getAttribute("viewBox") || "0 0 1000 500").split(/\s+/).map(Number);
    clone.setAttribute("width", vb[2]);
    clone.setAttribute("height", vb[3]);
    const meta = svg("metadata", { text: citationText() });
    clone.prepend(meta);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  }
  function exportSVG(root, what) {
    if (!root) return;
    download(new Blob([svgText(root)], { type: "image/svg+xml" }), `${baseName(what)}.svg`);
  }
  function exportPNG(root, what) {
    if (!root) return;
    const text = svgText(root);
    const vb = (root.getAttribute("viewBox") || "0 0 1000 500").split(/\s+/).map(Number);
    const scale = 2;
    const img = new Image();
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(vb[2] * scale);
      canvas.height = Math.round(vb[3] * scale);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => blob && download(blob, `${baseName(what)}.png`), "image/png");
    };
    img.onerror = () => { URL.revokeObjectURL(url); showError(new Error("Could not draw the SVG into a canvas.")); };
    img.src = url;
  }
  function csvCell(v) {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  function rosterCSV() {
    const cols = ["ordinal", "country", "name", "status", "since", "certainty", "suspended"];
    const lines = [cols.join(",")];
    for (const r of data.rosterRows) lines.push(cols.map((c) => csvCell(c === "suspended" ? r.suspended === true : r[c])).join(","));
    return lines.join("\r\n") + "\r\n";
  }
  async function copyCitation() {
    const text = citationText();
    const status = $("#copy-status");
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied.";
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents($("#citation"));
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
      status.textContent = ok ? "Copied." : "Selected: press Ctrl+C (⌘C) to copy.";
    }
    setTimeout(() => { status.textContent = ""; }, 4000);
  }
  function setupExport() {
    $("#export-map-svg").addEventListener("click", () => exportSVG($("#map"), "map"));
    $("#export-map-png").addEventListener("click", () => exportPNG($("#map"), "map"));
    $("#export-chart-svg").addEventListener("click", () => exportSVG($("#chart"), "chart"));
    $("#export-chart-png").addEventListener("click", () => exportPNG($("#chart"), "chart"));
    $("#export-roster-csv").addEventListener("click", () => download(new Blob([rosterCSV()], { type: "text/csv;charset=utf-8" }), `${baseName("roster")}.csv`));
    $("#copy-citation").addEventListener("click", copyCitation);
  }

  // ---------------------------------------------------------------- switching organization, reloading

  async function reloadAll() {
    pending++;
    updateBusy();
    try {
      await loadOrgData();
      renderOrgChart();
      renderLegend();
      await loadView();
      applyMapFit();
      if (state.country) {
        data.countryHistory = [];
        await loadCountryHistory();
      }
    } catch (e) {
      showError(e);
    } finally {
      pending--;
      updateBusy();
    }
  }
  async function selectOrg(id) {
    if (!id) return;
    stopPlay();
    state.org = id;
    const select = $("#org");
    if (!data.orgById.has(id) || ![...select.options].some((o) => o.value === id)) renderOrgOptions($("#org-search").value);
    select.value = id;
    // Keep the date if it falls within the organization's life, else move to its last day (or today).
    const span = orgSpan(id);
    let day = currentDay();
    const end = span.dissolved !== null ? Math.max(span.lo, span.dissolved - 1) : span.hi;
    if (day < span.lo || day > end) day = end;
    state.at = isoOf(day);
    data.rangeMin = span.lo;
    data.rangeMax = span.hi;
    writeURL();
    await reloadAll();
  }
  function setupOrgPicker() {
    const select = $("#org");
    select.addEventListener("change", () => { if (select.value && select.value !== state.org) selectOrg(select.value); });
    const search = $("#org-search");
    search.addEventListener("input", () => renderOrgOptions(search.value));
    search.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter") return;
      ev.preventDefault();
      const o = firstOrgMatch(search.value);
      if (o) { selectOrg(o.id); search.value = ""; renderOrgOptions(""); select.focus(); }
    });
  }
  function setupCountrySearch() {
    const input = $("#country-search");
    const open = () => {
      const q = input.value.trim();
      if (!q) return;
      const s = q.toLowerCase();
      let code = null;
      for (const [c, n] of data.names) if (c.toLowerCase() === s || String(n).toLowerCase() === s) { code = c; break; }
      if (!code) for (const [c, n] of data.names) if (String(n).toLowerCase().startsWith(s)) { code = c; break; }
      openCountry(code || q.toUpperCase());
      input.value = "";
    };
    input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); open(); } });
    input.addEventListener("change", () => { if ([...$("#country-list").options].some((o) => o.value === input.value)) open(); });
  }
  function renderCountryList() {
    const opts = [...data.names].sort((a, b) => String(a[1]).localeCompare(String(b[1]))).map(([c, n]) => el("option", { value: n, label: c }));
    $("#country-list").replaceChildren(...opts);
  }

  // ---------------------------------------------------------------- start

  async function init() {
    setupOrgPicker();
    setupDateControls();
    setupKnownControls();
    setupExport();
    setupCountrySearch();
    $("#country-close").addEventListener("click", closeCountry);
    $("#map-fit").addEventListener("click", () => { mapFit = !mapFit; applyMapFit(); });
    $("#why-close").addEventListener("click", () => { channel("why"); $("#why-panel").hidden = true; });
    $("#head-pinned").addEventListener("click", () => usePin(true));
    $("#head-current").addEventListener("click", () => usePin(false));
    // The lanes are drawn at their box's width (so that their text stays legible): redraw when it changes.
    const drawnWidth = new Map();
    let resizeTimer = null;
    const observer = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        for (const [wrapId, redraw] of [["chart-wrap", () => state.org && renderOrgChart()],
          ["country-chart-wrap", () => state.country && data.countryIntervals && renderCountryChart(data.countryIntervals)]]) {
          const wrap = document.getElementById(wrapId);
          const svgNode = wrap.querySelector("svg");
          if (!svgNode || !wrap.clientWidth) continue;
          const drawn = Number(svgNode.getAttribute("width"));
          if (Math.abs(drawn - Math.max(300, wrap.clientWidth)) > 24 && drawnWidth.get(wrapId) !== wrap.clientWidth) {
            drawnWidth.set(wrapId, wrap.clientWidth);
            redraw();
          }
        }
      }, 120);
    });
    observer.observe($("#chart-wrap"));
    observer.observe($("#country-chart-wrap"));

    const q = new URLSearchParams(location.search);
    const worldPromise = fetch("/world.json").then((r) => (r.ok ? r.json() : null)).catch(() => null);
    const countriesPromise = api("/api/v1/countries", {}, { pin: false }).catch(() => null);
    const headAnswer = await api("/api/v1/head", {}, { pin: false });
    data.logHead = headAnswer.head || headAnswer;
    const linkHead = parseHead(q.get("head"));
    if (linkHead && !sameHead(linkHead, data.logHead)) {
      data.linkHead = linkHead;
      state.pin = headString(linkHead);
    }
    const k = q.get("known");
    state.known = k && /^\d+$/.test(k) ? Number(k) : null;
    try {
      await loadOrgs();
    } catch (e) {
      if (e instanceof ApiError && (e.id === "head-not-in-log" || e.status === 409) && state.pin) {
        state.pin = null;
        data.linkHead = null;
        showHeadNotInLog(linkHead);
        await loadOrgs();
      } else throw e;
    }
    if (data.linkHead) renderHeadNotice();
    if (state.known !== null && state.known >= knownMax()) state.known = null;
    renderHeadInfo();
    setupKnownSlider();

    const world = await worldPromise;
    buildMap(world);
    const countries = await countriesPromise;
    for (const r of rowsOf(countries)) if (r.code && r.name) data.names.set(r.code, r.name);
    renderCountryList();

    const wanted = q.get("org");
    let org = wanted ? resolveOrgId(wanted) : null;
    if (!org) org = data.orgById.has("SCO") ? "SCO" : (data.orgs[0] && data.orgs[0].id);
    state.org = org;
    renderOrgOptions("");
    $("#org").value = org;
    const atParam = parseEDTF(q.get("at"));
    const span = orgSpan(org);
    state.at = isoOf(atParam ? atParam.hi : span.hi);
    data.rangeMin = span.lo;
    data.rangeMax = span.hi;
    const country = q.get("country");
    if (country) state.country = country.toUpperCase();
    writeURL();
    await reloadAll();
    if (state.country) await openCountry(state.country, { focus: false });
    // `at` outside the organization's life is kept as asked (the slider shows its nearest end).
  }

  const ready = (async () => {
    try {
      await init();
    } catch (e) {
      showError(e);
    } finally {
      pending--;
      updateBusy();
    }
    await whenIdle();
    window.explorerReady = true;
    return true;
  })();

  window.explorerReady = false;
  window.explorer = {
    ready,
    /** Moves the date (EDTF: YYYY, YYYY-MM or YYYY-MM-DD, taken at the end of its precision); resolves when the view has loaded. */
    setDate(iso) {
      const p = parseEDTF(iso);
      if (!p) return Promise.reject(new Error(`not a date: ${iso}`));
      stopPlay();
      setAt(p.hi, { immediate: true });
      return whenIdle();
    },
    setOrg(id) { selectOrg(resolveOrgId(id)); return whenIdle(); },
    setKnown(n) { setKnown(n === null || n === undefined ? knownMax() : Number(n)); return whenIdle(); },
    openCountry(code) { openCountry(code); return whenIdle(); },
    whenIdle,
    state() {
      return {
        org: state.org, at: state.at, known: state.known, country: state.country,
        head: state.pin || headString(data.logHead), pinned: state.pin !== null,
        logHead: data.logHead ? headString(data.logHead) : null,
        busy: document.body.dataset.busy === "true",
        members: data.rosterRows.filter((r) => r.status === topStatusOf(state.org)).map((r) => r.country),
      };
    },
  };
})();
