// The technicians' page: login, live dashboard (Server-Sent Events), chat with streamed answers, actions.
// Plain JavaScript with no inline script, so the Content-Security-Policy can forbid it.
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const state = { csrf: null, authenticated: false, publicPages: [], events: null, history: [], model: null,
    chatId: null, chatAbort: null, loginPassword: "" };

  // ---- HTTP -------------------------------------------------------------------------------------------------
  async function api(path, body) {
    const opts = { credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      opts.method = "POST";
      opts.headers["Content-Type"] = "application/json";
      if (state.csrf) opts.headers["X-CSRF-Token"] = state.csrf;
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(path, opts);
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    return { status: r.status, ok: r.ok, data: data, retryAfter: r.headers.get("Retry-After") };
  }

  // Reads a text/event-stream body, calling onEvent(name, data) per event.
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = "message", data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) name = line.slice(7);
          else if (line.startsWith("data: ")) data += line.slice(6);
        }
        onEvent(name, data ? JSON.parse(data) : {});
      }
    }
  }

  // ---- views ------------------------------------------------------------------------------------------------
  function show(view) {
    for (const v of ["login", "change", "dashboard", "chat"]) $("view-" + v).hidden = v !== view;
    for (const t of document.querySelectorAll(".tab[data-view]")) t.classList.toggle("active", t.dataset.view === view);
    $("nav").hidden = view === "login" && !state.publicPages.includes("dashboard") || view === "change";
    $("tab-chat").hidden = !state.authenticated;
    $("logout").textContent = state.authenticated ? "Log out" : "Log in";
    $("actions").hidden = !state.authenticated;
    if (view === "dashboard") startDashboard();
    if (view === "chat") loadModel();
    if (view === "login") setTimeout(() => $("password").focus(), 0);
  }

  async function boot() {
    const s = await api("/api/session");
    state.publicPages = (s.data && s.data.public) || [];
    state.authenticated = !!(s.data && s.data.authenticated);
    state.csrf = state.authenticated ? s.data.csrf : null;
    if (state.authenticated && s.data.must_change_password) show("change");
    else if (state.authenticated || state.publicPages.includes("dashboard")) show("dashboard");
    else show("login");
  }

  $("login-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const error = $("login-error");
    error.hidden = true;
    $("login-submit").disabled = true;
    try {
      const password = $("password").value;
      const r = await api("/api/login", { password: password });
      if (r.ok) {
        state.authenticated = true;
        state.csrf = r.data.csrf;
        state.loginPassword = password;
        $("password").value = "";
        if (r.data.must_change_password) {
          $("current-password").value = password;
          show("change");
        } else {
          show("dashboard");
        }
        return;
      }
      error.textContent = r.status === 401 ? "Wrong password." : (r.data && r.data.error) || "Login failed (" + r.status + ").";
      error.hidden = false;
    } finally {
      $("login-submit").disabled = false;
    }
  });

  $("change-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const error = $("change-error");
    error.hidden = true;
    if ($("new-password").value !== $("new-password2").value) {
      error.textContent = "The two new passwords differ.";
      error.hidden = false;
      return;
    }
    const r = await api("/api/password", { current: $("current-password").value, "new": $("new-password").value });
    if (r.ok) {
      for (const id of ["current-password", "new-password", "new-password2"]) $(id).value = "";
      show("dashboard");
    } else {
      error.textContent = (r.data && r.data.error) || "The password was not changed (" + r.status + ").";
      error.hidden = false;
    }
  });

  for (const t of document.querySelectorAll(".tab[data-view]")) t.addEventListener("click", () => show(t.dataset.view));
  $("logout").addEventListener("click", async () => {
    if (state.authenticated) await api("/api/logout", {});
    state.authenticated = false;
    state.csrf = null;
    stopDashboard();
    show("login");
  });

  // ---- dashboard --------------------------------------------------------------------------------------------
  function startDashboard() {
    if (state.events) return;
    const es = new EventSource("/api/events");
    state.events = es;
    es.addEventListener("history", e => { state.history = JSON.parse(e.data).points; drawCharts(); });
    es.addEventListener("point", e => { state.history.push(JSON.parse(e.data)); state.history = state.history.slice(-360); drawCharts(); });
    es.addEventListener("snapshot", e => render(JSON.parse(e.data)));
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) { state.events = null; setTimeout(boot, 2000); }
    };
  }

  function stopDashboard() {
    if (state.events) state.events.close();
    state.events = null;
  }

  const fmtBytes = b => b === undefined ? "–" : b >= 1 << 30 ? (b / (1 << 30)).toFixed(1) + " GiB"
    : (b / (1 << 20)).toFixed(0) + " MiB";
  const fmtMs = v => v === undefined ? "–" : v < 10 ? v.toFixed(1) : Math.round(v).toString();
  function fmtUptime(s) {
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + " d " : "") + (d || h ? h + " h " : "") + m + " min " + (d ? "" : s % 60 + " s");
  }

  function render(s) {
    $("device").textContent = s.device_id;
    const m = s.model;
    $("dash-model").textContent = m.loaded ? m.name + " " + m.version : "no model";
    $("dash-model-detail").textContent = m.loaded ? m.backend + " backend · context " + m.context_length + " tokens"
      : m.reason;
    const history = s.updates
      ? s.updates.map(u => u.error || (u.kind.replace(/_/g, " ") + " " + u.what + " · " + u.outcome.replace(/_/g, " ")
        + " · " + new Date(u.started).toLocaleString()))
      : (s.model_history || []).slice().reverse().map(h => h.name + " " + h.version + " · since "
        + new Date(h.since).toLocaleString());
    $("dash-history").replaceChildren(...history.map(text => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    $("action-selftest").hidden = !(m.loaded && m.self_test);
    $("action-rollback").hidden = !s.updates;
    $("update-form").hidden = !s.updates;
    $("dash-broker").textContent = s.broker.connected ? "Broker linked" : "Broker not linked";
    $("dash-broker-dot").className = "dot " + (s.broker.connected ? "up" : "down");
    $("dash-broker-url").textContent = s.broker.url;
    $("dash-queue").textContent = s.queue.depth + " of " + s.queue.capacity;
    $("dash-queue-bar").style.width = Math.min(100, 100 * s.queue.depth / Math.max(1, s.queue.capacity)) + "%";
    const outcomes = Object.entries(s.requests || {});
    $("dash-requests").textContent = outcomes.reduce((a, [, n]) => a + n, 0);
    $("dash-outcomes").replaceChildren(...outcomes.sort().map(([k, n]) => {
      const li = document.createElement("li");
      li.textContent = k + " " + n;
      if (k !== "ok") li.className = "bad";
      return li;
    }));
    const l = s.latency_ms || {};
    $("dash-latency").textContent = l.p50 === undefined ? "–" : fmtMs(l.p50) + " / " + fmtMs(l.p95) + " / " + fmtMs(l.p99);
    $("dash-tps").textContent = s.tokens_per_second === undefined ? "–" : Math.round(s.tokens_per_second) + " tok/s";
    $("dash-uptime").textContent = fmtUptime(s.uptime_s);
    $("dash-heap").textContent = fmtBytes(s.memory.heap_used_bytes) + " / " + fmtBytes(s.memory.heap_max_bytes);
    $("dash-rss").textContent = fmtBytes(s.memory.rss_bytes);
    const cpu = s.cpu;
    $("dash-cpu").textContent = (cpu.process_load === undefined ? "–" : Math.round(cpu.process_load * 100) + " %")
      + (cpu.load_average === undefined ? "" : " · load " + cpu.load_average.toFixed(1));
    $("dash-temp").textContent = cpu.temperature_c === undefined ? "not reported" : cpu.temperature_c.toFixed(1) + " °C";
    $("dash-disk").textContent = s.disk.free_bytes === undefined ? "–" : fmtBytes(s.disk.free_bytes);
  }

  function drawCharts() {
    const h = state.history;
    const pick = k => h.map(p => p[k] === undefined ? null : p[k]);
    MinnowCharts.draw($("chart-latency"), [pick("p50"), pick("p95")], ["s1", "s2"], "ms");
    MinnowCharts.draw($("chart-tps"), [pick("tokens_per_second")], ["s1"], "tok/s");
  }

  $("action-mqtt").addEventListener("click", async () => {
    const r = await api("/api/mqtt/restart", {});
    $("action-result").textContent = r.ok ? "Reconnecting to the broker…" : (r.data && r.data.error) || "Failed (" + r.status + ")";
  });

  $("action-selftest").addEventListener("click", async () => {
    $("action-selftest").disabled = true;
    $("action-result").textContent = "Running the self-test…";
    try {
      const r = await api("/api/selftest", {});
      $("action-result").textContent = r.ok ? (r.data.passed ? "Self-test passed: " : "Self-test FAILED: ") + r.data.summary
        : (r.data && r.data.error) || "Failed (" + r.status + ")";
    } finally {
      $("action-selftest").disabled = false;
    }
  });

  $("action-rollback").addEventListener("click", async () => {
    if (!window.confirm("Roll back to the previous model? The current one stops serving.")) return;
    $("action-result").textContent = "Rolling back…";
    const r = await api("/api/rollback", {});
    $("action-result").textContent = r.data && r.data.outcome ? "Rollback " + r.data.outcome.replace(/_/g, " ") + ": "
      + r.data.message : (r.data && r.data.error) || "Failed (" + r.status + ")";
  });

  $("update-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const form = new FormData();
    form.append("bundle", $("update-bundle").files[0]);
    form.append("release", $("update-release").files[0]);
    $("update-install").disabled = true;
    $("action-result").textContent = "Verifying and installing… (the self-test runs before the new model serves)";
    try {
      const r = await fetch("/api/update", { method: "POST", credentials: "same-origin",
        headers: { "X-CSRF-Token": state.csrf }, body: form });
      let data = null;
      try { data = await r.json(); } catch (e) { data = null; }
      $("action-result").textContent = data && data.outcome ? "Update " + data.outcome.replace(/_/g, " ") + ": " + data.message
        : (data && data.error) || "Failed (" + r.status + ")";
    } finally {
      $("update-install").disabled = false;
    }
  });

  // ---- chat -------------------------------------------------------------------------------------------------
  async function loadModel() {
    if (state.model) return;
    const r = await api("/api/model");
    if (!r.ok) { $("chat-hint").textContent = (r.data && r.data.error) || "The model is not available."; return; }
    state.model = r.data;
    const mode = $("chat-mode");
    const options = [["", r.data.chat ? "Ask a question" : "Free prompt"]]
      .concat(r.data.templates.map(t => [t.name, "Task: " + t.name.replace(/_/g, " ")]));
    mode.replaceChildren(...options.map(([v, label]) => { const o = document.createElement("option"); o.value = v; o.textContent = label; return o; }));
    const d = r.data.defaults;
    for (const k in d) { const input = document.querySelector(".sampling input[name=" + k + "]"); if (input) input.placeholder = d[k]; }
    document.querySelector(".sampling input[name=seed]").placeholder = "random";
    renderFields();
  }

  function renderFields() {
    const name = $("chat-mode").value;
    const fields = name ? state.model.templates.find(t => t.name === name).fields : ["prompt"];
    $("chat-fields").replaceChildren(...fields.map((f, i) => {
      const label = document.createElement("label");
      label.textContent = f === "prompt" ? "Question" : f.replace(/_/g, " ");
      const input = document.createElement(f === "prompt" ? "textarea" : "input");
      input.name = f;
      input.id = i === 0 ? "chat-prompt" : "chat-field-" + f;
      input.required = true;
      if (f === "prompt") { input.rows = 2; input.placeholder = "How often should I do bearing greasing?"; }
      label.htmlFor = input.id;
      return [label, input];
    }).flat());
  }
  $("chat-mode").addEventListener("change", renderFields);
  $("chat-fields").addEventListener("keydown", ev => {
    if (ev.key === "Enter" && !ev.shiftKey && ev.target.tagName === "TEXTAREA") { ev.preventDefault(); $("chat-form").requestSubmit(); }
  });

  function bubble(cls, text) {
    const p = document.createElement("div");
    p.className = "bubble " + cls;
    p.textContent = text;
    $("chat-log").appendChild(p);
    p.scrollIntoView({ block: "end" });
    return p;
  }

  $("chat-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    if (state.chatAbort) return;
    $("chat-hint").hidden = true;
    const name = $("chat-mode").value;
    const body = {};
    let question;
    if (name) {
      body.template = name;
      body.values = {};
      for (const input of $("chat-fields").querySelectorAll("input")) body.values[input.name] = input.value;
      question = name.replace(/_/g, " ") + ": " + Object.values(body.values).join(" · ");
    } else {
      body.prompt = $("chat-prompt").value;
      question = body.prompt;
    }
    for (const input of document.querySelectorAll(".sampling input")) if (input.value.trim()) body[input.name] = input.value.trim();
    bubble("question", question);
    const answer = bubble("answer streaming", "");
    answer.id = "";
    const stats = document.createElement("div");
    stats.className = "stats";
    stats.textContent = "waiting for the model…";
    $("chat-log").appendChild(stats);
    const abort = new AbortController();
    state.chatAbort = abort;
    $("chat-send").disabled = true;
    $("chat-stop").hidden = false;
    try {
      const r = await fetch("/api/chat", { method: "POST", credentials: "same-origin", signal: abort.signal,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": state.csrf }, body: JSON.stringify(body) });
      if (!r.ok || !(r.headers.get("Content-Type") || "").startsWith("text/event-stream")) {
        let msg = "failed (" + r.status + ")";
        try { msg = (await r.json()).error; } catch (e) { /* keep the status */ }
        throw new Error(msg);
      }
      await readEvents(r, (event, data) => {
        if (event === "start") state.chatId = data.id;
        else if (event === "running") stats.textContent = "generating…";
        else if (event === "token") { answer.textContent += data.text; answer.scrollIntoView({ block: "end" }); }
        else if (event === "done") {
          stats.textContent = "time to first token " + fmtMs(data.ttft_ms) + " ms · " + Math.round(data.tokens_per_second)
            + " tokens/s · " + data.completion_tokens + " tokens" + (data.finish_reason === "length" ? " (max tokens reached)" : "");
        } else if (event === "error") {
          stats.textContent = data.code === "cancelled" ? "stopped" : data.message;
          stats.classList.toggle("bad", data.code !== "cancelled");
        }
      });
    } catch (e) {
      if (e.name === "AbortError") stats.textContent = "stopped";
      else { stats.textContent = e.message; stats.classList.add("bad"); }
    } finally {
      answer.classList.remove("streaming");
      if (!answer.textContent) answer.remove();
      state.chatAbort = null;
      state.chatId = null;
      $("chat-send").disabled = false;
      $("chat-stop").hidden = true;
    }
  });

  $("chat-stop").addEventListener("click", async () => {
    const abort = state.chatAbort;
    if (state.chatId) await api("/api/chat/stop", { id: state.chatId });
    // The stream ends with a "cancelled" event; if it does not come soon, hang up (which cancels too).
    setTimeout(() => { if (state.chatAbort === abort && abort) abort.abort(); }, 1500);
  });

  boot();
})();
