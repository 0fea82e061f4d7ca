// 政策问答 staff page: chat with clickable citations, document browser, clause search.
// Every piece of data goes into the page through text nodes (never innerHTML).
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === "function") node.addEventListener(key.replace(/^on/, ""), value);
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // ---- API key: only asked for when the server answers 401 (POLICYBOT_API_KEY is set) ----
  const KEY_STORE = "policybot.apiKey";
  let keyPrompt = null;

  async function authFetch(path, options = {}) {
    for (;;) {
      const key = localStorage.getItem(KEY_STORE);
      const headers = { ...(options.headers || {}) };
      if (key) headers.Authorization = `Bearer ${key}`;
      const response = await fetch(path, { ...options, headers });
      if (response.status !== 401) return response;
      await askForKey(key ? "访问密钥不正确,请重新输入" : "此服务需要访问密钥");
    }
  }

  // One dialog for all requests waiting on the key; cancelling fails them with a message.
  function askForKey(message) {
    keyPrompt ||= new Promise((resolve, reject) => {
      const dialog = $("key-dialog");
      $("key-message").textContent = message;
      $("key-input").value = "";
      dialog.returnValue = "";
      dialog.onclose = () => {
        keyPrompt = null;
        const key = $("key-input").value.trim();
        if (dialog.returnValue === "ok" && key) {
          localStorage.setItem(KEY_STORE, key);
          resolve();
        } else {
          reject(new Error("需要访问密钥(请向管理员索取)"));
        }
      };
      dialog.showModal();
    });
    return keyPrompt;
  }

  async function api(path, options) {
    const response = await authFetch(path, options);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || `请求失败 (HTTP ${response.status})`);
    return body;
  }

  // Text with some character ranges wrapped in <mark class=…>; layers: [{spans:[[s,e]], cls}].
  function marked(text, layers) {
    const cuts = new Set([0, text.length]);
    for (const layer of layers) for (const [s, e] of layer.spans) { cuts.add(s); cuts.add(e); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [s, e] = [points[i], points[i + 1]];
      const piece = text.slice(s, e);
      const classes = layers.filter((l) => l.spans.some(([a, b]) => a <= s && e <= b)).map((l) => l.cls);
      fragment.append(classes.length ? el("mark", { class: classes.join(" ") }, piece) : piece);
    }
    return fragment;
  }

  function toast(message) {
    const box = $("toast");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 2000);
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // plain http on a LAN address has no clipboard API: fall back to a hidden textarea
      const area = el("textarea", { class: "offscreen", readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    toast("已复制,可直接粘贴");
  }

  function sourceLine(doc, label) {
    const where = [doc.issuer, doc.date].filter(Boolean).join(",");
    const title = `《${doc.title.replace(/^《|》$/g, "")}》`;
    return [title + (where ? `(${where})` : ""), label].filter(Boolean).join(" ");
  }

  function clauseTitle(ref) {
    const number = ref.number ? (/^\d+$/.test(ref.number) ? `第${ref.number}条` : ref.number) : "";
    return [number, ref.heading || (number ? "" : ref.preview)].filter(Boolean).join(" ");
  }

  // ---- session ---------------------------------------------------------------------------
  const SESSION_KEY = "policybot.session";
  const newSessionId = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let sessionId = sessionStorage.getItem(SESSION_KEY) || newSessionId();
  sessionStorage.setItem(SESSION_KEY, sessionId);

  // ---- chat ------------------------------------------------------------------------------
  const chatLog = $("chat-log");

  function scrollChat(node) {
    node.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  async function ask(question) {
    chatLog.append(el("div", { class: "msg user" }, question));
    const bubble = el("div", { class: "msg bot pending" }, el("span", { class: "spinner" }), "正在查找条款…");
    chatLog.append(bubble);
    scrollChat(bubble);
    $("ask-button").disabled = true;
    try {
      await streamAnswer(question, bubble);
    } catch (error) {
      showError(bubble, error.message, question);
    } finally {
      $("ask-button").disabled = false;
      scrollChat(bubble);
    }
  }

  async function streamAnswer(question, bubble) {
    const response = await authFetch("/api/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, session_id: sessionId }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.message || `请求失败 (HTTP ${response.status})`);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        handleEvent(parseEvent(buffer.slice(0, cut)), bubble);
        buffer = buffer.slice(cut + 2);
      }
    }
    if (bubble.classList.contains("pending")) throw new Error("连接中断,请重试");
  }

  function parseEvent(block) {
    const event = { name: "message", data: "" };
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) event.name = line.slice(7);
      else if (line.startsWith("data: ")) event.data += line.slice(6);
    }
    return { name: event.name, data: JSON.parse(event.data || "{}") };
  }

  function handleEvent(event, bubble) {
    if (event.name === "partial") {
      bubble.replaceChildren(el("p", { class: "draft-label" }, "草稿(尚未核验)"),
        el("div", { class: "answer-text draft" }, event.data.text));
    } else if (event.name === "answer") {
      bubble.classList.remove("pending");
      renderAnswer(bubble, event.data);
    } else if (event.name === "error") {
      throw new Error(event.data.message || "回答失败");
    }
  }

  function showError(bubble, message, question) {
    bubble.classList.remove("pending");
    bubble.classList.add("error");
    const retry = () => { if (!$("ask-button").disabled) ask(question); };
    bubble.replaceChildren(el("p", {}, `出错了:${message}`),
      el("button", { type: "button", class: "retry", onclick: retry }, "重试"));
  }

  function renderAnswer(bubble, answer) {
    bubble.classList.toggle("refused", answer.refused);
    const text = answer.answer.trim();
    const children = [];
    if (answer.direct && !text.startsWith(answer.direct)) {
      children.push(el("p", { class: "direct" }, answer.direct));
    }
    children.push(el("div", { class: "answer-text" }, text));
    if (!answer.verified) children.push(el("p", { class: "warning" }, "注意:此回答未能逐字核验,请以原文为准。"));
    children.push(el("div", { class: "msg-actions" },
      el("button", { type: "button", class: "copy", onclick: () => copyText(answer.plain_text) }, "复制答案和出处"),
      el("span", { class: "mode" }, answer.mode === "llm" ? "大模型生成·已核验引用" : "原文摘录")));
    if (answer.citations.length) {
      children.push(el("ol", { class: "citations" }, answer.citations.map((c) => citationItem(c, text))));
    }
    bubble.replaceChildren(...children);
  }

  // A citation links to its clause; the quote is repeated only when the answer lacks it.
  function citationItem(citation, answerText) {
    const link = el("a", { class: "cite", href: clauseHash(citation.clause_id, citation.start, citation.end) },
      sourceLine(citation, citation.clause));
    const quote = answerText.includes(citation.quote) ? null : el("blockquote", {}, citation.quote);
    const item = el("li", { class: "citation" }, link, quote);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      toggleInlineClause(item, citation);
    });
    return item;
  }

  async function toggleInlineClause(item, citation) {
    const open = item.querySelector(".inline-clause");
    if (open) { open.remove(); return; }
    const panel = el("div", { class: "inline-clause" }, "正在打开条款…");
    item.append(panel);
    try {
      const clause = await api(`/api/clauses/${encodeURIComponent(citation.clause_id)}`);
      const span = quoteSpan(clause, citation.start, citation.end, citation.quote);
      panel.replaceChildren(
        el("p", { class: "crumbs" }, clause.label),
        el("div", { class: "clause-text" }, marked(clause.text, [{ spans: span ? [span] : [], cls: "quote" }])),
        el("p", { class: "inline-actions" },
          el("a", { href: clauseHash(clause.clause_id, citation.start, citation.end) }, "在文件中查看"),
          el("button", { type: "button", class: "link", onclick: () => panel.remove() }, "收起")));
      panel.scrollIntoView({ block: "nearest" });
    } catch (error) {
      panel.replaceChildren(`无法打开条款:${error.message}`);
    }
  }

  // [start, end) of a quote inside the clause text, from document offsets or by search.
  function quoteSpan(clause, start, end, quote) {
    const [s, e] = [start - clause.start, end - clause.start];
    if (Number.isInteger(s) && s >= 0 && e <= clause.text.length && s < e) return [s, e];
    const at = quote ? clause.text.indexOf(quote) : -1;
    return at >= 0 ? [at, at + quote.length] : null;
  }

  function clauseHash(clauseId, start, end) {
    const highlight = Number.isInteger(start) && Number.isInteger(end) ? `?hl=${start}-${end}` : "";
    return `#/clause/${encodeURIComponent(clauseId)}${highlight}`;
  }

  // ---- documents -------------------------------------------------------------------------
  let shownDocId = null;

  async function showDocuments(city) {
    const data = await api(`/api/documents${city ? `?city=${encodeURIComponent(city)}` : ""}`);
    const chip = (label, value) => el("a", {
      class: `chip${(city || "") === value ? " active" : ""}`,
      href: value ? `#/docs?city=${encodeURIComponent(value)}` : "#/docs",
    }, label);
    $("city-filter").replaceChildren(chip("全部", ""), ...data.cities.map((c) => chip(c, c)));
    $("doc-list").replaceChildren(...data.documents.map(documentCard));
    fillCityOptions(data.cities);
  }

  function documentCard(doc) {
    return el("li", { class: "doc-card" },
      el("a", { class: "doc-title", href: `#/doc/${encodeURIComponent(doc.doc_id)}` }, doc.title),
      el("p", { class: "doc-line" },
        el("span", { class: "city" }, doc.city || "未标明城市"),
        [doc.issuer, doc.date, doc.doc_number].filter(Boolean).map((part) => el("span", {}, part)),
        statusBadge(doc.status), doc.truncated ? el("span", { class: "badge warn" }, "原文不完整") : null,
        doc.clause_count >= 0 ? el("span", {}, `${doc.clause_count} 条`) : null));
  }

  function statusBadge(status) {
    return el("span", { class: `badge ${status === "正式" ? "ok" : "draft"}` }, status);
  }

  async function showDocument(docRef) {
    const detail = await api(`/api/documents/${encodeURIComponent(docRef)}`);
    shownDocId = detail.document.doc_id;
    $("doc-meta").replaceChildren(documentMeta(detail.document));
    $("doc-tree").replaceChildren(treeList(detail.tree));
    return detail;
  }

  function documentMeta(doc) {
    const row = (name, value) => (value ? [el("dt", {}, name), el("dd", {}, value)] : []);
    return el("div", {},
      el("h1", { class: "doc-heading" }, doc.title),
      el("dl", {},
        row("城市", doc.city || "未标明"), row("发布机构", doc.issuer), row("日期", doc.date),
        row("文号", doc.doc_number), [el("dt", {}, "状态"), el("dd", {}, statusBadge(doc.status))],
        row("来源文件", doc.source), row("条款数", String(doc.clause_count))));
  }

  function treeList(nodes) {
    return el("ul", {}, nodes.map((node) => (node.kind === "section"
      ? el("li", { class: "section" },
        el("details", { open: true }, el("summary", {}, node.title), treeList(node.children)))
      : el("li", { class: "leaf" },
        el("a", { href: clauseHash(node.clause_id), "data-clause": node.clause_id }, clauseTitle(node))))));
  }

  async function showClause(clauseId, highlight) {
    const clause = await api(`/api/clauses/${encodeURIComponent(clauseId)}`);
    if (shownDocId !== clause.doc_id) await showDocument(clause.doc_id);
    for (const link of $("doc-tree").querySelectorAll("a.active")) link.classList.remove("active");
    const active = $("doc-tree").querySelector(`a[data-clause="${CSS.escape(clause.clause_id)}"]`);
    active?.classList.add("active");
    active?.scrollIntoView({ block: "nearest" });
    renderReader(clause, highlight);
  }

  function renderReader(clause, highlight) {
    const span = highlight ? quoteSpan(clause, highlight[0], highlight[1], null) : null;
    const nav = (ref, label) => (ref
      ? el("a", { class: "nav", href: clauseHash(ref.clause_id), title: clauseTitle(ref) }, label)
      : el("span", { class: "nav disabled" }, label));
    const copy = () => copyText(`${sourceLine(clause.document, clause.label)}\n原文:“${clause.text}”`);
    const permalink = () => copyText(`${location.origin}${location.pathname}${clauseHash(clause.clause_id)}`);
    $("clause-reader").replaceChildren(el("div", {},
      el("p", { class: "crumbs" }, clause.path.join(" › ") || clause.document.title),
      el("h2", {}, clauseTitle(clause) || clause.label),
      el("div", { class: "clause-text" }, marked(clause.text, [{ spans: span ? [span] : [], cls: "quote" }])),
      clause.departments.length ? el("p", { class: "departments" }, `责任单位:${clause.departments.join("、")}`) : null,
      el("p", { class: "source" }, `出处:${sourceLine(clause.document, clause.label)}`),
      el("div", { class: "reader-actions" },
        nav(clause.prev, "‹ 上一条"),
        el("button", { type: "button", onclick: copy }, "复制条款和出处"),
        el("button", { type: "button", onclick: permalink }, "复制链接"),
        nav(clause.next, "下一条 ›"))));
    $("clause-reader").querySelector("mark")?.scrollIntoView({ block: "center" });
  }

  // ---- search ----------------------------------------------------------------------------
  function fillCityOptions(cities) {
    const select = $("search-city");
    if (select.options.length > 1) return;
    for (const city of cities) select.append(el("option", { value: city }, city));
  }

  async function runSearch(query, city) {
    $("search-q").value = query;
    $("search-city").value = city;
    if (!query) { $("search-results").replaceChildren(); $("search-notice").hidden = true; return; }
    const params = new URLSearchParams({ q: query });
    if (city) params.set("city", city);
    const result = await api(`/api/search?${params}`);
    $("search-notice").hidden = !result.notice;
    $("search-notice").textContent = result.notice || "";
    $("search-results").replaceChildren(...result.hits.map(searchHit));
  }

  function searchHit(hit) {
    const layers = [{ spans: hit.highlights, cls: "hit" }];
    if (hit.sentence) layers.push({ spans: [[hit.sentence.start, hit.sentence.end]], cls: "best" });
    return el("li", { class: "result" },
      el("a", { href: clauseHash(hit.clause_id), class: "result-title" }, sourceLine(hit, hit.label)),
      el("p", { class: "doc-line" }, el("span", { class: "city" }, hit.city || "未标明城市"), statusBadge(hit.status)),
      el("div", { class: "clause-text clamp" }, marked(hit.text, layers)));
  }

  // ---- routing ---------------------------------------------------------------------------
  const VIEWS = ["ask", "docs", "doc", "search", "admin"];

  function showView(name) {
    for (const view of VIEWS) $(`view-${view}`).hidden = view !== name;
    const tab = name === "doc" ? "docs" : name;
    for (const link of document.querySelectorAll(".tabs a")) {
      link.classList.toggle("active", link.dataset.tab === tab);
    }
  }

  async function route() {
    const [path, query] = location.hash.replace(/^#/, "").split("?");
    const [kind, id] = path.split("/").filter(Boolean).map(decodeURIComponent);
    const params = new URLSearchParams(query || "");
    try {
      if (kind === "docs") { showView("docs"); await showDocuments(params.get("city")); }
      else if (kind === "doc" && id) { showView("doc"); await showDocument(id); $("clause-reader").replaceChildren(el("p", { class: "hint" }, "请在目录中选择条款")); }
      else if (kind === "clause" && id) { showView("doc"); await showClause(id, parseRange(params.get("hl"))); }
      else if (kind === "admin") { showView("admin"); document.dispatchEvent(new Event("policybot:admin")); }
      else if (kind === "search") { showView("search"); await runSearch(params.get("q") || "", params.get("city") || ""); }
      else { showView("ask"); }
    } catch (error) {
      toast(error.message);
      if (kind === "clause" || kind === "doc") $("clause-reader").replaceChildren(el("p", { class: "error" }, error.message));
    }
  }

  function parseRange(value) {
    const match = /^(\d+)-(\d+)$/.exec(value || "");
    return match ? [Number(match[1]), Number(match[2])] : null;
  }

  // ---- wiring ----------------------------------------------------------------------------
  function submitQuestion(event) {
    event.preventDefault();
    const question = $("question").value.trim();
    if (!question) { toast("请输入问题"); return; }
    if ($("ask-button").disabled) { toast("请等上一个问题回答完"); return; }
    $("question").value = "";
    ask(question);
  }

  $("ask-form").addEventListener("submit", submitQuestion);
  $("question").addEventListener("keydown", (event) => {
    // Enter sends, but not while a Chinese input method is composing
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      submitQuestion(event);
    }
  });
  for (const button of document.querySelectorAll(".example")) {
    button.addEventListener("click", () => { if (!$("ask-button").disabled) ask(button.textContent); });
  }
  // the example questions are built from what is indexed; none shown when it has none
  function showExamples(examples) {
    for (const button of document.querySelectorAll(".example")) {
      const text = examples[button.dataset.example];
      button.textContent = text || "";
      button.hidden = !text;
    }
    document.querySelector(".examples").hidden = !examples.question && !examples.clause_question;
  }
  $("new-chat").addEventListener("click", async () => {
    await authFetch(`/api/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE" }).catch(() => null);
    sessionId = newSessionId();
    sessionStorage.setItem(SESSION_KEY, sessionId);
    chatLog.querySelectorAll(".msg").forEach((node) => node.remove());
    toast("已开始新对话");
  });
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ q: $("search-q").value.trim() });
    if ($("search-city").value) params.set("city", $("search-city").value);
    location.hash = `#/search?${params}`;
  });
  $("key-cancel").addEventListener("click", () => $("key-dialog").close("cancel"));
  window.addEventListener("hashchange", route);
  api("/api/documents").then((data) => fillCityOptions(data.cities)).catch(() => null);
  api("/api/examples").then(showExamples).catch(() => null);
  route();
})();
