// The workbench page: selection, keyboard, evidence highlighting, the entity picker and the write keys.
// Everything it needs is in data- attributes of the page; it writes text with textContent only.
"use strict";

(function () {
  const body = document.body;
  if (!body.classList.contains("page-doc")) {
    return;
  }
  const doc = body.dataset.doc;
  const writable = body.dataset.writable === "yes";
  const status = document.getElementById("status");
  const selection = document.getElementById("selection");
  const candidates = Array.from(document.querySelectorAll("li.candidate"));
  let current = -1;

  function say(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
  }

  function clearMarks() {
    document.querySelectorAll(".evidence").forEach(function (el) {
      el.classList.remove("evidence");
    });
    if (window.CSS && CSS.highlights) {
      CSS.highlights.delete("evidence");
    }
  }

  // The text nodes of a passage that are its text (the footnote markers are not), with their offsets.
  function passageRange(passageIri, start, end) {
    const passage = Array.from(document.querySelectorAll("p.passage")).find(function (p) {
      return p.dataset.iri === passageIri;
    });
    if (!passage) {
      return null;
    }
    const walker = document.createTreeWalker(passage, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".marker") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    const range = document.createRange();
    let offset = 0;
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.nodeValue.length;
      if (!started && start <= offset + length) {
        range.setStart(node, Math.max(0, start - offset));
        started = true;
      }
      if (started && end <= offset + length) {
        range.setEnd(node, Math.max(0, end - offset));
        return range;
      }
      offset += length;
    }
    return started ? range : null;
  }

  function showEvidence(el) {
    clearMarks();
    const sentences = (el.dataset.sentences || "").split(" ").filter(Boolean);
    let first = null;
    document.querySelectorAll("span.sentence").forEach(function (s) {
      if (sentences.indexOf(s.dataset.iri) >= 0) {
        s.classList.add("evidence");
        first = first || s;
      }
    });
    if (window.CSS && CSS.highlights && window.Highlight) {
      const range = passageRange(el.dataset.passage, Number(el.dataset.start), Number(el.dataset.end));
      if (range) {
        CSS.highlights.set("evidence", new Highlight(range));
      }
    }
    if (first) {
      first.scrollIntoView({ block: "center", behavior: "instant" });
    }
  }

  function select(index) {
    if (!candidates.length) {
      say("This document has no candidates: make a draft with coi-graph extract.");
      return;
    }
    current = Math.max(0, Math.min(candidates.length - 1, index));
    candidates.forEach(function (c, i) {
      c.classList.toggle("selected", i === current);
      c.setAttribute("aria-selected", i === current ? "true" : "false");
    });
    const el = candidates[current];
    el.scrollIntoView({ block: "nearest", behavior: "instant" });
    showEvidence(el);
    say("candidate " + el.dataset.number + " of " + candidates.length + " · " + el.dataset.status + " · " +
        el.dataset.iri);
  }

  function describeSentence(s) {
    selection.textContent = "";
    const title = document.createElement("div");
    title.className = "sel-iri";
    title.textContent = s.dataset.iri;
    const detail = document.createElement("div");
    detail.className = "sel-detail";
    const states = { covered: "has a claim", pending: "has a pending candidate", left: "needs a claim",
      none: "needs no claim" };
    detail.textContent = "sentence · file offsets " + s.dataset.fileStart + "–" + s.dataset.fileEnd + " · " +
      (states[s.dataset.state] || s.dataset.state) + " · claims " + s.dataset.claims +
      (s.dataset.candidates ? " · candidates " + s.dataset.candidates : "");
    selection.appendChild(title);
    selection.appendChild(detail);
  }

  document.querySelectorAll("span.sentence").forEach(function (s) {
    s.addEventListener("click", function () {
      document.querySelectorAll("span.sentence.chosen").forEach(function (o) {
        o.classList.remove("chosen");
      });
      s.classList.add("chosen");
      describeSentence(s);
      const numbers = (s.dataset.candidates || "").split(" ").filter(Boolean);
      if (numbers.length) {
        const index = candidates.findIndex(function (c) {
          return c.dataset.number === numbers[0];
        });
        if (index >= 0 && index !== current) {
          select(index);
        }
      }
    });
  });

  candidates.forEach(function (c, i) {
    c.addEventListener("click", function (event) {
      if (event.target.closest("details")) {
        return;
      }
      select(i);
    });
  });

  document.querySelectorAll("li.claim").forEach(function (c) {
    c.addEventListener("click", function () {
      showEvidence(c);
      say("claim " + c.dataset.iri);
    });
  });

  document.querySelectorAll("a.goto").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      const target = document.getElementById(a.getAttribute("href").slice(1));
      if (target) {
        target.scrollIntoView({ block: "center", behavior: "instant" });
        target.click();
        target.focus({ preventScroll: true });
      }
    });
  });

  function nextLeft() {
    const left = Array.from(document.querySelectorAll("span.sentence.state-left"));
    if (!left.length) {
      say("No sentence left without a claim.");
      return;
    }
    const chosen = document.querySelector("span.sentence.chosen");
    const at = chosen ? left.indexOf(chosen) : -1;
    const target = left[(at + 1) % left.length];
    target.scrollIntoView({ block: "center", behavior: "instant" });
    target.click();
  }

  function post(path, payload, done) {
    fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(payload),
    }).then(function (response) {
      return response.json().then(function (answer) {
        done(response.ok, answer, response.status);
      });
    }).catch(function (error) {
      done(false, { error: String(error) }, 0);
    });
  }

  function finished(ok, answer, code) {
    if (ok) {
      say(answer.message || "done", "ok");
      window.setTimeout(function () {
        window.location.reload();
      }, 500);
    } else {
      say(answer.error || "HTTP " + code, "error");
    }
  }

  function candidatePath(el, action) {
    return "/api/candidate/" + encodeURIComponent(doc) + "/" + el.dataset.number + "/" + action;
  }

  const dialog = document.getElementById("edit-dialog");
  const form = document.getElementById("edit-form");
  let original = {};

  function openEditor(el) {
    const turtle = el.querySelector(".c-turtle code");
    const quote = el.querySelector(".c-quote");
    original = {
      triples: turtle ? turtle.textContent : "",
      quote: quote ? quote.textContent : "",
      modality: el.dataset.modality || "stated",
      start: el.dataset.time || "",
      end: "",
      time_expression: el.dataset.timeExpression || "",
    };
    Object.keys(original).forEach(function (name) {
      form.elements[name].value = original[name];
    });
    document.getElementById("edit-number").textContent = el.dataset.number;
    document.getElementById("edit-errors").textContent = "";
    dialog.showModal();
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      const action = event.submitter ? event.submitter.value : "cancel";
      if (action === "cancel") {
        return;
      }
      event.preventDefault();
      const edits = {};
      Object.keys(original).forEach(function (name) {
        const value = form.elements[name].value;
        if (value !== original[name]) {
          edits[name] = value;
        }
      });
      const el = candidates[current];
      const errors = document.getElementById("edit-errors");
      errors.textContent = action + " …";
      post(candidatePath(el, action), { edits: edits }, function (ok, answer, code) {
        if (ok) {
          dialog.close();
          finished(ok, answer, code);
        } else {
          errors.textContent = answer.error || "HTTP " + code;
        }
      });
    });
  }

  function act(action) {
    if (current < 0) {
      say("Select a candidate first (j, k).");
      return;
    }
    const el = candidates[current];
    if (!writable) {
      post(candidatePath(el, action), {}, finished);  // the server says why it cannot
      return;
    }
    if (el.dataset.status !== "pending") {
      say("candidate " + el.dataset.number + " is " + el.dataset.status + ": no longer pending");
      return;
    }
    if (action === "edit") {
      openEditor(el);
      return;
    }
    const payload = {};
    if (action === "reject") {
      const reason = window.prompt("Why reject candidate " + el.dataset.number + "?", "");
      if (reason === null) {
        return;
      }
      payload.reason = reason;
    } else {
      payload.edits = {};
    }
    say(action + " candidate " + el.dataset.number + " …");
    post(candidatePath(el, action), payload, finished);
  }

  function undo() {
    say("undo …");
    post("/api/undo", {}, finished);
  }

  // the entity picker
  const query = document.getElementById("entity-query");
  const hits = document.getElementById("entity-hits");
  let pendingSearch = null;
  function search() {
    const text = query.value.trim();
    if (!text) {
      hits.textContent = "";
      return;
    }
    fetch("/api/entities?q=" + encodeURIComponent(text), { credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        hits.textContent = "";
        (answer.hits || []).forEach(function (hit) {
          const li = document.createElement("li");
          const label = document.createElement("span");
          label.className = "hit-label";
          label.textContent = hit.label;
          li.appendChild(label);
          const rest = document.createElement("span");
          rest.className = "hit-meta";
          rest.textContent = (hit.alias ? " “" + hit.alias + "”" : "") + " · " + hit.type +
            (hit.wikidata ? " · " + hit.wikidata : "");
          li.appendChild(rest);
          li.title = hit.iri;
          hits.appendChild(li);
        });
        if (!hits.children.length) {
          const li = document.createElement("li");
          li.textContent = "no entity of that name";
          hits.appendChild(li);
        }
      });
  }
  if (query) {
    query.addEventListener("input", function () {
      window.clearTimeout(pendingSearch);
      pendingSearch = window.setTimeout(search, 150);
    });
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) {
      if (event.key === "Escape") {
        target.blur();
      }
      return;
    }
    switch (event.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current < 0 ? 0 : current - 1);
        break;
      case "a":
        act("accept");
        break;
      case "r":
        act("reject");
        break;
      case "e":
        act("edit");
        break;
      case "n":
        nextLeft();
        break;
      case "u":
        undo();
        break;
      case "/":
        document.getElementById("picker").open = true;
        query.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
