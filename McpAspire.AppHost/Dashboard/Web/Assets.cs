namespace McpAspire.Dashboard.Web;

/// <summary>The dashboard's stylesheet and script, served from memory: nothing is fetched from outside the machine.</summary>
internal static class Assets
{
    public const string StylePath = "/dashboard.css";
    public const string ScriptPath = "/dashboard.js";

    public const string Style = """
        :root { --bg: #f6f7f9; --fg: #1d2330; --muted: #5b6472; --line: #d9dde3; --accent: #3b5bdb; --ok: #2b8a3e; --bad: #c92a2a; --warn: #e67700; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
        header { display: flex; gap: 24px; align-items: center; padding: 10px 20px; background: #1d2330; color: #fff; }
        header .brand { font-weight: 700; letter-spacing: .02em; }
        header nav a { color: #c5cbe0; text-decoration: none; margin-right: 16px; }
        header nav a.active, header nav a:hover { color: #fff; border-bottom: 2px solid #91a7ff; }
        main { padding: 16px 20px; }
        h1 { font-size: 20px; margin: 4px 0 14px; }
        h2 { font-size: 16px; margin: 18px 0 8px; }
        table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef0f4; font-weight: 600; white-space: nowrap; }
        a { color: var(--accent); }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #e9ecef; font-size: 12px; margin: 0 2px 2px 0; }
        .badge.good { background: #d3f9d8; color: var(--ok); }
        .badge.bad { background: #ffe3e3; color: var(--bad); }
        .badge.busy { background: #fff3bf; color: var(--warn); }
        .muted { color: var(--muted); }
        .error { color: var(--bad); }
        .toolbar { display: flex; gap: 12px; align-items: center; margin-bottom: 10px; }
        .toolbar input[type=search] { width: 320px; padding: 5px 8px; }
        #log { background: #111418; color: #d8dee9; font: 12px/1.5 ui-monospace, Menlo, Consolas, monospace; padding: 8px 12px; height: 70vh; overflow: auto; white-space: pre-wrap; word-break: break-all; border-radius: 4px; }
        #log .line.err { color: #ff8787; }
        #log .line .ts { color: #6c7689; margin-right: 8px; }
        .hidden { display: none; }
        .bar-key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
        .waterfall { background: #fff; border: 1px solid var(--line); }
        .span > summary { display: grid; grid-template-columns: 40% 60%; cursor: pointer; list-style: none; border-bottom: 1px solid #eef0f4; padding: 3px 8px; }
        .span > summary:hover { background: #f1f3f5; }
        .span .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .span .track { position: relative; height: 18px; }
        .span .bar { position: absolute; top: 3px; height: 12px; border-radius: 2px; min-width: 2px; }
        .span .dur { position: absolute; top: 0; font-size: 11px; color: var(--muted); white-space: nowrap; }
        .span .detail { padding: 6px 12px 10px 40px; background: #fafbfc; }
        .span.error .label { color: var(--bad); }
        .c0 { background: #4c6ef5; } .c1 { background: #12b886; } .c2 { background: #f76707; } .c3 { background: #ae3ec9; }
        .c4 { background: #1098ad; } .c5 { background: #e64980; } .c6 { background: #74b816; } .c7 { background: #fab005; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px; }
        .card h3 { font-size: 14px; margin: 0 0 2px; }
        .card table { border: 0; }
        .big { font-size: 22px; font-weight: 600; }
        svg.spark { width: 140px; height: 32px; display: block; }
        svg.spark polyline { fill: none; stroke: var(--accent); stroke-width: 1.5; }
        form.login input { padding: 6px 8px; width: 360px; }
        """;

    public const string Script = """
        'use strict';
        (function () {
          function filterLines() {
            var box = document.getElementById('search');
            var log = document.getElementById('log');
            if (!box || !log) { return; }
            var q = box.value.toLowerCase();
            var shown = 0, total = 0;
            log.querySelectorAll('.line').forEach(function (line) {
              total++;
              var match = q === '' || line.textContent.toLowerCase().indexOf(q) >= 0;
              line.classList.toggle('hidden', !match);
              if (match) { shown++; }
            });
            var count = document.getElementById('count');
            if (count) { count.textContent = shown + ' of ' + total + ' lines'; }
          }

          function stream(url, onData) {
            var source = new EventSource(url);
            source.onmessage = function (e) { onData(JSON.parse(e.data)); };
            return source;
          }

          document.addEventListener('DOMContentLoaded', function () {
            var resources = document.querySelector('[data-live-resources]');
            if (resources) {
              stream(resources.getAttribute('data-live-resources'), function (d) { resources.innerHTML = d.html; });
            }

            var log = document.getElementById('log');
            if (log && log.hasAttribute('data-stream')) {
              stream(log.getAttribute('data-stream'), function (d) {
                var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
                var line = document.createElement('div');
                line.className = 'line' + (d.err ? ' err' : '');
                line.setAttribute('data-seq', d.seq);
                var ts = document.createElement('span');
                ts.className = 'ts';
                ts.textContent = d.time;
                line.appendChild(ts);
                line.appendChild(document.createTextNode(d.text));
                log.appendChild(line);
                filterLines();
                if (atBottom) { log.scrollTop = log.scrollHeight; }
              });
              log.scrollTop = log.scrollHeight;
            }

            var box = document.getElementById('search');
            if (box) { box.addEventListener('input', filterLines); filterLines(); }

            document.querySelectorAll('[data-refresh]').forEach(function (el) {
              var every = parseInt(el.getAttribute('data-interval') || '3000', 10);
              setInterval(function () {
                fetch(el.getAttribute('data-refresh'), { credentials: 'same-origin' })
                  .then(function (r) { return r.ok ? r.text() : null; })
                  .then(function (html) { if (html !== null) { el.innerHTML = html; } })
                  .catch(function () { });
              }, every);
            });
          });
        })();
        """;
}
