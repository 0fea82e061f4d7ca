// 政策问答 staff page, 管理 view: upload policy files (drag and drop, several at once),
// see how each document was parsed, remove one, re-index. A client of /api/admin/*.
// Data reaches the page only as text nodes (never innerHTML).
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const KEY_STORE = "policybot.adminKey";
  const STATUS_WORDS = { indexed: "已索引", duplicate: "重复", error: "失败" };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (typeof value === "function") node.addEventListener(key.replace(/^on/, ""), value);
      else if (key === "class") node.className = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // The admin key (or, when the server has none, its API key), kept for this browser.
  function adminKey() {
    return localStorage.getItem(KEY_STORE) || localStorage.getItem("policybot.apiKey") || "";
  }

  function needKey(message) {
    $("admin-body").hidden = true;
    $("admin-key-form").hidden = false;
    $("admin-key-message").textContent = message;
    $("admin-key").focus();
  }

  // fetch with the key; a 401/403 shows the key form and rejects
  async function adminApi(path, options = {}) {
    const headers = { Authorization: `Bearer ${adminKey()}` };
    const response = await fetch(path, { ...options, headers });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401 || response.status === 403) {
      needKey(body.message || "需要管理密钥");
      throw new Error(body.message || "需要管理密钥");
    }
    if (!response.ok) throw new Error(body.message || `请求失败 (HTTP ${response.status})`);
    return body;
  }

  async function showDocuments() {
    const data = await adminApi("/api/admin/documents");
    $("admin-key-form").hidden = true;
    $("admin-body").hidden = false;
    $("admin-summary").textContent = `共 ${data.documents.length} 份文件 · 索引版本 ${data.generation}`;
    $("admin-docs").replaceChildren(...data.documents.map(documentRow));
  }

  function documentRow(doc) {
    const remove = el("button", { type: "button", class: "secondary remove", "data-doc": doc.doc_id,
      onclick: () => removeDocument(doc) }, "删除");
    return el("tr", { "data-doc": doc.doc_id },
      el("td", {}, el("a", { href: `#/doc/${encodeURIComponent(doc.doc_id)}` }, doc.title)),
      el("td", {}, doc.issuer || "—"), el("td", {}, doc.date || "—"), el("td", {}, doc.city || "—"),
      el("td", {}, doc.status), el("td", { class: "clauses" }, String(doc.clause_count)),
      el("td", {}, doc.file), el("td", {}, remove));
  }

  function showOutcomes(items) {
    $("upload-results").replaceChildren(...items.map((item) =>
      el("li", { class: item.status },
        el("strong", {}, `${item.file}: ${STATUS_WORDS[item.status] || item.status}`), " ",
        item.message, item.documents.length ? ` —《${item.documents.join("》《")}》` : "")));
  }

  function busy(text, percent) {
    $("upload-status").hidden = text === null;
    $("upload-text").textContent = text || "";
    const bar = $("upload-progress");
    if (percent === null) bar.removeAttribute("value"); else bar.value = percent;
  }

  // One request for all the files (one new index generation); upload progress, then indexing.
  function uploadFiles(files) {
    if (!files.length) return;
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/admin/documents");
    request.setRequestHeader("Authorization", `Bearer ${adminKey()}`);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) busy(`上传中 ${files.length} 个文件…`, Math.round(100 * event.loaded / event.total));
    };
    request.upload.onload = () => busy(`正在索引 ${files.length} 个文件…`, null);
    request.onload = () => {
      busy(null, 0);
      const body = request.response || {};
      if (request.status === 401 || request.status === 403) { needKey(body.message || "需要管理密钥"); return; }
      if (request.status !== 200) { showOutcomes(files.map((f) => ({ file: f.name, status: "error", message: body.message || `HTTP ${request.status}`, documents: [] }))); return; }
      showOutcomes(body.files);
      showDocuments().catch((error) => busy(error.message, 0));
    };
    request.onerror = () => { busy("上传失败:连接中断,请重试", 0); };
    busy(`上传中 ${files.length} 个文件…`, 0);
    request.send(form);
  }

  async function removeDocument(doc) {
    if (!window.confirm(`删除《${doc.title}》(及同一文件中的其他文件)?`)) return;
    busy(`正在删除《${doc.title}》…`, null);
    try {
      const result = await adminApi(`/api/admin/documents/${encodeURIComponent(doc.doc_id)}`, { method: "DELETE" });
      showOutcomes([{ file: doc.file, status: "indexed", message: `已删除 ${result.documents.removed} 份文件`, documents: [] }]);
      await showDocuments();
      busy(null, 0);
    } catch (error) { busy(error.message, 0); }
  }

  async function reindexAll() {
    busy("正在重新索引…", null);
    try {
      const result = await adminApi("/api/admin/reindex", { method: "POST" });
      const d = result.documents;
      busy(result.switched ? `重新索引完成:新增 ${d.added},变更 ${d.changed},删除 ${d.removed}` : "文件没有变化,索引保持不变", 100);
      if (result.problems.length) showOutcomes(result.problems.map((p) => ({ file: "", status: "error", message: p, documents: [] })));
      await showDocuments();
    } catch (error) { busy(error.message, 0); }
  }

  const zone = $("drop-zone");
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    uploadFiles([...event.dataTransfer.files]);
  });
  $("file-input").addEventListener("change", (event) => {
    uploadFiles([...event.target.files]);
    event.target.value = "";
  });
  $("reindex").addEventListener("click", reindexAll);
  $("admin-key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    localStorage.setItem(KEY_STORE, $("admin-key").value.trim());
    showDocuments().catch(() => null);
  });
  document.addEventListener("policybot:admin", () => showDocuments().catch(() => null));
  if (location.hash.startsWith("#/admin")) showDocuments().catch(() => null);
})();
