'use strict';
// The chat page: reads its access token from /session (an HttpOnly cookie set at sign-in), then uses the chat API.
(() => {
  const $ = (id) => document.getElementById(id);
  let token = null;
  let current = null;
  let opened = 0; // which open() call is the latest: an earlier one that answers late must not replace the view
  let viewing = Promise.resolve(); // the latest open(): a message waits until its conversation is shown
  let creating = Promise.resolve(); // a conversation being created from the button; a message waits for it

  // A new access token from /session (the server renews it with the session's refresh token); false when signed out.
  async function renew() {
    const session = await fetch('/session', { headers: { 'Accept': 'application/json' } });
    if (!session.ok) return false;
    token = (await session.json()).access_token;
    return true;
  }

  // The API refuses an expired token before doing any work, so a request is sent once more with a renewed one.
  async function api(path, options = {}, renewed = false) {
    const headers = Object.assign({ 'Authorization': 'Bearer ' + token }, options.body ? { 'Content-Type': 'application/json' } : {});
    const response = await fetch('/api/chat' + path, Object.assign({}, options, { headers }));
    if (response.status === 401) {
      if (!renewed && await renew()) return api(path, options, true);
      signedOut(); throw new Error('Your session has ended: sign in again.');
    }
    return response;
  }

  async function problem(response) {
    try { const p = await response.json(); return p.detail || p.title || ('HTTP ' + response.status); }
    catch { return 'HTTP ' + response.status; }
  }

  function status(text) { $('status').textContent = text || ''; }

  function signedOut() {
    token = null;
    $('app').hidden = true; $('signout').hidden = true; $('who').textContent = '';
    $('signin').hidden = false; $('welcome').hidden = false;
  }

  function toolChip(name, outcome) {
    const chip = document.createElement('span');
    chip.className = 'tool ' + (outcome || '');
    chip.dataset.tool = name;
    chip.textContent = name + (outcome && outcome !== 'success' ? ' (' + outcome.replace('_', ' ') + ')' : '');
    return chip;
  }

  function addMessage(role, content, details) {
    const li = document.createElement('li');
    li.className = role;
    const text = document.createElement('div');
    text.className = 'content';
    text.textContent = content;
    li.appendChild(text);
    const tools = document.createElement('div');
    tools.className = 'tools';
    li.appendChild(tools);
    if (details) showDetails(li, details);
    $('messages').appendChild(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  function showDetails(li, d) {
    const tools = li.querySelector('.tools');
    if (!tools.children.length) (d.tools_used || []).forEach((t) => tools.appendChild(toolChip(t, 'success')));
    if (d.tools_unavailable) { const f = document.createElement('div'); f.className = 'flag'; f.textContent = 'Tools unavailable for this reply'; li.appendChild(f); }
    if (d.requires_escalation) { const f = document.createElement('div'); f.className = 'flag'; f.textContent = 'Needs escalation'; li.appendChild(f); }
    if ((d.suggested_actions || []).length) {
      const s = document.createElement('div'); s.className = 'suggestions'; s.textContent = 'Next: ' + d.suggested_actions.join(' · '); li.appendChild(s);
    }
  }

  async function loadConversations() {
    const response = await api('/conversations');
    const list = await response.json();
    const ul = $('conversations');
    ul.replaceChildren();
    for (const c of list) {
      const li = document.createElement('li');
      li.textContent = c.title;
      li.dataset.id = c.id;
      li.className = c.id === current ? 'active' : '';
      li.addEventListener('click', () => open(c.id));
      ul.appendChild(li);
    }
    return list;
  }

  function open(id) {
    const mine = ++opened;
    current = id;
    viewing = show(id, mine);
    return viewing;
  }

  async function show(id, mine) {
    const response = await api('/conversations/' + id);
    if (mine !== opened) return;
    if (!response.ok) { status(await problem(response)); return; }
    const conversation = await response.json();
    if (mine !== opened) return;
    $('messages').replaceChildren();
    for (const m of conversation.messages) addMessage(m.role, m.content, m.role === 'assistant' ? m : null);
    await loadConversations();
  }

  async function newConversation() {
    const response = await api('/conversations', { method: 'POST', body: JSON.stringify({}) });
    if (!response.ok) { status(await problem(response)); return null; }
    const c = await response.json();
    await open(c.id);
    return c.id;
  }

  async function send(text) {
    await creating;
    await viewing;
    if (!current && !(await newConversation())) return;
    addMessage('user', text);
    const reply = addMessage('assistant', '');
    const content = reply.querySelector('.content');
    const tools = reply.querySelector('.tools');
    const response = await api('/conversations/' + current + '/messages/stream', { method: 'POST', body: JSON.stringify({ content: text }) });
    if (!response.ok) { content.textContent = await problem(response); reply.classList.add('error'); return; }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let streamed = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        const name = (frame.match(/^event: (.*)$/m) || [])[1];
        const data = JSON.parse((frame.match(/^data: (.*)$/m) || [])[1] || 'null');
        if (name === 'tool') {
          const existing = tools.querySelector('[data-tool="' + CSS.escape(data.name) + '"]');
          const chip = toolChip(data.name, data.status === 'started' ? 'running' : data.status);
          existing ? existing.replaceWith(chip) : tools.appendChild(chip);
        } else if (name === 'delta') {
          streamed += data.text; content.textContent = streamed;
        } else if (name === 'done') {
          content.textContent = data.content; showDetails(reply, data);
          reply.dataset.done = 'true';
        } else if (name === 'error') {
          content.textContent = data.detail || data.title; reply.classList.add('error');
        }
      }
      reply.scrollIntoView({ block: 'end' });
    }
    await loadConversations();
  }

  async function start() {
    if (!(await renew())) { signedOut(); return; }
    $('signin').hidden = true; $('welcome').hidden = true; $('signout').hidden = false; $('app').hidden = false;
    const me = await api('/me');
    if (me.ok) { const user = await me.json(); $('who').textContent = user.username || user.sub; }
    const before = opened;
    const list = await loadConversations();
    if (list.length && opened === before) await open(list[0].id); // unless the user opened or created one meanwhile
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('new-conversation').addEventListener('click', () => { creating = newConversation().catch((e) => status(e.message)); });
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      const text = $('message').value.trim();
      if (!text) return;
      $('message').value = '';
      $('send').disabled = true;
      send(text).catch((err) => status(err.message)).finally(() => { $('send').disabled = false; $('message').focus(); });
    });
    $('message').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('composer').requestSubmit(); } });
    start().catch((e) => status(e.message));
  });
})();
