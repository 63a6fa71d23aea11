/* The proposal panel of the live room: the proposal on the item under way, kept up to
 * date from the meeting's stream (proposal.* events) and drawn on every change.
 *
 * room.js owns the stream, the version check and the posting of forms; this part only
 * changes state.proposal and draws the panel. Every word comes from the page
 * (#proposal-words), in the reader's language. A new item that already carries a
 * proposal (one tabled from an earlier meeting) is not in any event: the room
 * reconnects and the fresh snapshot brings it.
 */
(function () {
  "use strict";
  var words = null;
  var lastPhase = null;

  function ours(data, state) {
    var proposal = state.proposal;
    return proposal && proposal.id === data.proposal_id ? proposal : null;
  }

  var handlers = {
    "proposal.attached": function (d, state) { state.proposal = d.proposal; },
    "proposal.phase_changed": function (d, state) {
      var p = ours(d, state);
      if (p) { p.phase = d.phase; p.round = d.round; p.next = d.next; }
    },
    "proposal.ballot_cast": function (d, state) {
      var p = ours(d, state);
      if (p && p.round && p.round.number === d.round) p.round.ballots = d.ballots;
    },
    "proposal.round_closed": function (d, state) {
      var p = ours(d, state);
      if (!p) return;
      p.round = null;
      p.rounds.push(d.round);
      ["phase", "status", "outcome", "summary", "blocks_so_far", "next"].forEach(function (k) {
        p[k] = d[k];
      });
    },
    "proposal.contribution_added": function (d, state) {
      var p = ours(d, state);
      if (p) p.contributions.push(d.contribution);
    },
    "proposal.amendment_proposed": function (d, state) {
      var p = ours(d, state);
      if (p) p.amendments.push(d.amendment);
    },
    "proposal.amendment_decided": function (d, state) {
      var p = ours(d, state);
      if (!p) return;
      p.text = d.text;
      p.amendments.forEach(function (a) { if (a.id === d.amendment_id) a.status = d.status; });
    },
    "agenda.item_started": function (d, state, kit) {
      if (!d.item.proposal_id) { state.proposal = null; return; }
      if (!state.proposal || state.proposal.id !== d.item.proposal_id) kit.reconnect();
    },
    "agenda.item_finished": function (d, state) {
      if (state.current_item && state.current_item.id === d.item.id) {
        state.current_item = null;
        state.proposal = null;
      }
    },
  };

  function render(state, kit) {
    var panel = kit.root.querySelector('[data-room="proposal-panel"]');
    if (!panel) return;
    if (!words) words = JSON.parse(document.getElementById("proposal-words").textContent);
    var q = function (name) { return panel.querySelector('[data-proposal="' + name + '"]'); };
    var item = state.current_item;
    var p = state.proposal;
    panel.hidden = !p && !(item && item.kind === "proposal");
    show(q("none"), !p);
    show(q("put-form"), !p);
    show(q("body"), !!p);
    if (!p) return;
    var open = p.status === "open";
    drawText(q, p);
    drawSteps(panel, p);
    drawStage(q, p, kit);
    drawOutcome(q, p);
    drawRounds(q("rounds"), p, kit);
    drawContributions(q("contributions"), p, kit);
    drawAmendments(q("amendments"), p, state, kit, panel.dataset.view);
    show(q("vote-form"), open && !!p.round);
    show(q("ask-form"), open && !p.round);
    show(q("amend-form"), open && !p.round);
    show(q("run"), open);
    show(q("moves"), open && !p.round);
    show(q("open-round"), open && !p.round);
    show(q("close-round"), open && !!p.round);
    setWords(q, p, kit);
  }

  function show(node, visible) { if (node) node.hidden = !visible; }

  // A shared snapshot words the rule in the site's language; the page maps it to ours.
  function ruleWords(text) { return (words.rules && words.rules[text]) || text; }

  function setText(node, text) {
    // Only a real change is written, so a live region is not read out again.
    if (node && node.textContent !== text) node.textContent = text;
  }

  function drawText(q, p) {
    setText(q("title"), p.title);
    setText(q("text"), p.text);
    setText(q("rule"), ruleWords(p.rule));
    show(q("secret"), p.secret);
  }

  function drawSteps(panel, p) {
    panel.querySelectorAll("[data-phase]").forEach(function (step) {
      if (step.dataset.phase === p.phase) step.setAttribute("aria-current", "step");
      else step.removeAttribute("aria-current");
    });
  }

  function drawStage(q, p, kit) {
    var note = "";
    if (p.status === "open" && p.next.fallback) {
      note = kit.format(p.round ? words.fallback_now : words.fallback_next, { rule: ruleWords(p.next.rule) });
    }
    setText(q("stage-note"), note);
    show(q("stage-note"), !!note);
    var ballots = q("ballots");
    show(ballots, !!p.round);
    if (p.round) setText(ballots, kit.format(words.ballots, { n: p.round.ballots }));
  }

  function drawOutcome(q, p) {
    var last = p.rounds.length ? p.rounds[p.rounds.length - 1] : null;
    var text = p.status !== "open" ? p.summary : last && !p.round ? last.summary : "";
    setText(q("outcome"), text);
    show(q("outcome"), !!text);
  }

  function drawRounds(list, p, kit) {
    if (!list) return;
    list.replaceChildren();
    p.rounds.forEach(function (r) {
      var item = kit.el("li");
      item.appendChild(kit.el("strong", kit.format(words.round, { n: r.number })));
      item.appendChild(document.createTextNode(" — " + r.summary));
      reasons(item, words.blocks, r.blocks, kit);
      reasons(item, words.stand_asides, r.stand_asides, kit);
      list.appendChild(item);
    });
    show(list.closest("[data-proposal=rounds-part]"), p.rounds.length > 0);
  }

  function reasons(item, title, found, kit) {
    if (!found.length) return;
    var inner = kit.el("ul");
    found.forEach(function (r) {
      var said = (r.name || words.someone) + (r.reason ? ": " + r.reason : "");
      inner.appendChild(kit.el("li", title + " · " + said));
    });
    item.appendChild(inner);
  }

  function drawContributions(list, p, kit) {
    if (!list) return;
    list.replaceChildren();
    p.contributions.forEach(function (c) {
      var item = kit.el("li");
      item.appendChild(kit.el("strong", words["kind_" + c.kind] || c.kind));
      item.appendChild(document.createTextNode(" · " + (c.author || "—") + ": " + c.text));
      list.appendChild(item);
    });
    if (!list.children.length) list.appendChild(kit.el("li", words.nothing_said, "muted"));
  }

  function drawAmendments(list, p, state, kit, view) {
    if (!list) return;
    list.replaceChildren();
    var mayDecide = view !== "projector" && kit.config.me !== null &&
      kit.config.me === p.author_id && p.status === "open" && !p.round;
    p.amendments.forEach(function (a) {
      var name = a.author || "—";
      var item = kit.el("li", name + " (" + words["amendment_" + a.status] + "): " + a.text);
      if (mayDecide && a.status === "proposed") {
        var url = kit.root.querySelector("[data-proposal-decide]").dataset.proposalDecide;
        item.appendChild(kit.button(url, { amendment: a.id, decision: "accept" }, words.accept,
          kit.format(words.accept_named, { name: name })));
        item.appendChild(kit.button(url, { amendment: a.id, decision: "decline" }, words.decline,
          kit.format(words.decline_named, { name: name })));
      }
      list.appendChild(item);
    });
    if (!list.children.length) list.appendChild(kit.el("li", words.no_amendments, "muted"));
  }

  function setWords(q, p, kit) {
    var vote = q("vote-form");
    if (vote) vote.dataset.roomDone = p.secret ? words.counted_secret : words.counted;
    var openRound = q("open-round");
    if (openRound) {
      var button = openRound.querySelector("button");
      setText(button, p.next.fallback ? button.dataset.fallback : button.dataset.test);
    }
    var ask = q("ask-form");
    if (ask && p.phase !== lastPhase) {
      var kind = ask.querySelector("select");
      var byPhase = { clarifying: "clarifying_question", concerns: "concern" };
      if (kind && byPhase[p.phase]) kind.value = byPhase[p.phase];
    }
    lastPhase = p.phase;
  }

  (window.mootRoomParts = window.mootRoomParts || []).push({ handlers: handlers, render: render });
})();
