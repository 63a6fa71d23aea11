/* The live room in the browser: one EventSource, the room as it is, every event applied.
 *
 * The server sends a snapshot of the whole room first, then events, each with the
 * meeting's version. An event whose version is not the last one plus one means one was
 * missed: the script reconnects and the server sends a fresh snapshot. Events already
 * in the snapshot (version not above it) are skipped. The countdown and the fading of
 * hand signals run here, from end times the server sends, corrected for clock skew.
 * Buttons post with fetch; the page then changes only through the stream. A form with
 * its own [data-room-error] region shows its error (or its data-room-done word) there.
 *
 * Other parts of the room (proposal.js) register themselves in window.mootRoomParts:
 * { handlers: { type: fn(data, state, kit) }, render: fn(state, kit) }.
 */
(function () {
  "use strict";
  var root = document.getElementById("room");
  var configNode = document.getElementById("room-config");
  if (!root || !configNode) return;
  var config = JSON.parse(configNode.textContent);
  var words = config.strings;
  var state = JSON.parse(document.getElementById("room-state").textContent);
  var facilitation = { signals: [] };
  var skew = Date.parse(state.server_now) - Date.now();
  var source = null;
  // Read when used: a part's script may come later in the page than this one.
  function parts() { return window.mootRoomParts || []; }

  function now() { return Date.now() + skew; }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function part(name) { return root.querySelector('[data-room="' + name + '"]'); }

  // Labels in the reader's language, from the page: a shared snapshot's are not.
  function kindLabel(entry) { return config.kind_labels[entry.kind] || entry.kind_label; }
  function signalLabel(key, fallback) { return config.signal_labels[key] || fallback; }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  // --- the stream -------------------------------------------------------------------

  function connect() {
    if (source) source.close();
    var query = config.streams.map(function (s) { return "s=" + encodeURIComponent(s); });
    source = new EventSource("/live/?" + query.join("&"));
    source.onmessage = function (message) { receive(JSON.parse(message.data)); };
    source.onerror = function () { root.dataset.live = "off"; say(words.reconnecting); };
  }

  function receive(message) {
    if (message.type === "snapshot") {
      if (message.stream.indexOf("facilitation:") === 0) facilitation = message.data;
      else takeSnapshot(message.data);
      root.dataset.live = "on";
      say("");
    } else if (message.type.indexOf("facilitation.") === 0) {
      facilitation.signals.push(message.data);
    } else {
      var data = message.data;
      if (data.version <= state.version) return;  // already in the snapshot
      if (data.version !== state.version + 1) { connect(); return; }
      state.version = data.version;
      apply(message.type, data);
    }
    render();
  }

  function takeSnapshot(snapshot) {
    state = snapshot;
    skew = Date.parse(state.server_now) - Date.now();
  }

  function reorder(order, extra) {
    var byId = {};
    state.stack.forEach(function (entry) { byId[entry.id] = entry; });
    if (extra) byId[extra.id] = extra;
    state.stack = order.map(function (id) { return byId[id]; }).filter(Boolean);
  }

  var handlers = {
    "stack.joined": function (d) { reorder(d.order, d.entry); },
    "stack.approved": function (d) { reorder(d.order, d.entry); },
    "stack.left": function (d) { reorder(d.order); },
    "speech.started": function (d) {
      state.speaker = Object.assign({ wrap_up: false }, d.turn);
      reorder(d.order);
    },
    "speech.ended": function (d) {
      if (state.speaker && state.speaker.id === d.turn_id) state.speaker = null;
    },
    "speech.wrap_up": function (d) {
      if (state.speaker && state.speaker.id === d.turn_id) state.speaker.wrap_up = true;
    },
    "signals.changed": function (d) { state.signals[d.key] = d.expiries; },
    "circle.started": function (d) { state.circle = d.circle; },
    "circle.moved": function (d) {
      if (!state.circle || state.circle.id !== d.circle_id) return;
      state.circle.seats.forEach(function (seat) {
        if (seat.person_id === d.person_id) seat.turn = d.turn;
      });
      state.circle.holder_id = d.holder_id;
      state.circle.complete = d.complete;
    },
    "circle.ended": function (d) {
      if (state.circle && state.circle.id === d.circle_id) state.circle = null;
    },
    "agenda.item_started": function (d) { state.current_item = d.item; },
  };

  function apply(type, data) {
    var handler = handlers[type];
    if (handler) handler(data);
    parts().forEach(function (extra) {
      var more = extra.handlers && extra.handlers[type];
      if (more) more(data, state, kit);
    });
  }

  // --- drawing ------------------------------------------------------------------------

  function render() {
    root.dataset.version = state.version;
    renderNow();
    renderStack();
    renderSignals();
    renderCircle();
    renderMine();
    parts().forEach(function (extra) { if (extra.render) extra.render(state, kit); });
  }

  function renderNow() {
    var item = part("item");
    if (item) item.textContent = state.current_item ? state.current_item.title : "—";
    var speaker = part("speaker");
    var shown = state.speaker;
    if (speaker) {
      speaker.textContent = shown ? shown.name + " " : words.nobody_speaking;
      if (shown) speaker.appendChild(el("span", "(" + kindLabel(shown) + ")", "room-kind"));
    }
    var wrap = part("wrap-up");
    var mine = shown && (config.view !== "participant" || shown.person_id === config.me);
    if (wrap) wrap.hidden = !(shown && shown.wrap_up && mine);
    tick();
  }

  function tick() {
    var countdown = part("countdown");
    if (!countdown) return;
    if (!state.speaker) { countdown.hidden = true; return; }
    countdown.hidden = false;
    var left = Math.round((Date.parse(state.speaker.ends_at) - now()) / 1000);
    if (left <= 0) {
      countdown.textContent = words.time_up;
      countdown.classList.add("over");
      return;
    }
    countdown.classList.remove("over");
    var seconds = left % 60;
    countdown.textContent = Math.floor(left / 60) + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  function renderStack() {
    var list = part("stack");
    if (!list) return;
    var limit = parseInt(list.dataset.limit || "0", 10);
    var entries = limit ? state.stack.slice(0, limit) : state.stack;
    list.replaceChildren();
    if (!entries.length) list.appendChild(el("li", words.empty_stack, "muted"));
    entries.forEach(function (entry) { list.appendChild(stackItem(entry, list)); });
  }

  function stackItem(entry, list) {
    var item = el("li", entry.name + " ");
    item.dataset.person = entry.person_id;
    if (entry.kind !== "speak") {
      var note = kindLabel(entry) + ", " + (entry.approved ? words.approved : words.awaiting);
      item.appendChild(el("span", "(" + note + ")", "room-kind"));
    }
    if (list.dataset.controls === "facilitator") {
      if (entry.kind !== "speak" && !entry.approved) {
        item.appendChild(button(config.urls.approve.replace("{id}", entry.id), {},
          words.approve, format(words.approve_named, { name: entry.name })));
      }
      item.appendChild(button(config.urls.call_next, { entry: entry.id }, words.call,
        format(words.call_named, { name: entry.name })));
    }
    return item;
  }

  function button(url, fields, text, label) {
    var form = el("form", "", "inline");
    form.method = "post";
    form.action = url;
    form.dataset.roomForm = "";
    fields.csrfmiddlewaretoken = config.csrf;
    Object.keys(fields).forEach(function (name) {
      var input = el("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    var submit = el("button", text, "small");
    submit.type = "submit";
    if (label) submit.setAttribute("aria-label", label);
    form.appendChild(submit);
    return form;
  }

  function liveCount(key) {
    var t = now();
    return (state.signals[key] || []).filter(function (end) { return Date.parse(end) > t; }).length;
  }

  function renderSignals() {
    root.querySelectorAll("[data-room-count]").forEach(function (node) {
      var count = liveCount(node.dataset.roomCount);
      node.textContent = count ? "· " + count : "";
    });
    var counts = part("signal-counts");
    if (counts) {
      counts.replaceChildren();
      Object.keys(state.signal_labels).forEach(function (key) {
        var count = liveCount(key);
        if (!count) return;
        var item = el("li", signalLabel(key, state.signal_labels[key]) + " ");
        item.dataset.signal = key;
        item.appendChild(el("strong", String(count)));
        counts.appendChild(item);
      });
      if (!counts.children.length) counts.appendChild(el("li", words.no_signals, "muted"));
    }
    renderSignalNames();
  }

  function renderSignalNames() {
    var names = part("signal-names");
    if (!names) return;
    var since = now() - config.signal_fade_seconds * 1000;
    facilitation.signals = facilitation.signals.filter(function (s) {
      return Date.parse(s.sent_at) > since;
    });
    names.replaceChildren();
    facilitation.signals.slice().reverse().forEach(function (s) {
      names.appendChild(el("li", s.name + ": " + signalLabel(s.key, s.label)));
    });
    if (!names.children.length) names.appendChild(el("li", words.no_signals, "muted"));
  }

  function renderCircle() {
    var list = part("circle");
    if (!list) return;
    var circle = state.circle;
    list.replaceChildren();
    if (!circle) { list.appendChild(el("li", words.no_circle, "muted")); }
    else circle.seats.forEach(function (seat) { list.appendChild(seatItem(circle, seat, list)); });
    var start = part("circle-start");
    var end = part("circle-end");
    if (start) start.hidden = !!(circle && !circle.complete);
    if (end) end.hidden = !(circle && !circle.complete);
  }

  function seatItem(circle, seat, list) {
    var holds = seat.person_id === circle.holder_id;
    var status = holds ? words.holder : seat.turn ? words[seat.turn] : seat.away ? words.away : "";
    var item = el("li", seat.name + (status ? " — " + status : ""));
    if (holds) item.className = "holder";
    if (holds && list.dataset.controls === "facilitator") {
      item.appendChild(button(config.urls.circle_done, { person: seat.person_id }, words.done,
        format(words.done_named, { name: seat.name })));
      item.appendChild(button(config.urls.circle_pass, { person: seat.person_id }, words.pass,
        format(words.pass_named, { name: seat.name })));
    }
    return item;
  }

  function renderMine() {
    if (config.me === null) return;
    var speaking = state.speaker && state.speaker.person_id === config.me;
    var circle = state.circle;
    var holding = circle && !circle.complete && circle.holder_id === config.me;
    var endMine = part("end-mine");
    if (endMine) endMine.hidden = !speaking || (circle && !circle.complete);
    var circleMine = part("circle-mine");
    if (circleMine) circleMine.hidden = !holding;
    var waiting = state.stack.some(function (e) {
      return e.person_id === config.me && e.kind === "speak";
    });
    var join = part("join");
    var leave = part("leave");
    if (join) join.closest("form").hidden = waiting;
    if (leave) leave.closest("form").hidden = !waiting;
  }

  // --- buttons ------------------------------------------------------------------------

  function say(text) {
    var message = part("message");
    if (message) message.textContent = text;
  }

  function answer(form, text) {
    var own = form.querySelector("[data-room-error]");
    if (own) own.textContent = text;
    else say(text);
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-room-form")) return;
    event.preventDefault();
    var body = new FormData(form);
    if (event.submitter && event.submitter.name) {
      body.append(event.submitter.name, event.submitter.value);
    }
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (response.ok) {
        say("");
        answer(form, form.dataset.roomDone || "");
        if (form.hasAttribute("data-room-reset")) form.reset();
        return;
      }
      return response.json().then(function (error) { answer(form, error.detail); });
    }).catch(function () { answer(form, words.failed); });
  });

  var kit = {
    root: root, config: config, el: el, button: button, format: format, reconnect: connect,
  };
  render();
  connect();
  setInterval(function () { tick(); renderSignals(); }, 1000);
})();
