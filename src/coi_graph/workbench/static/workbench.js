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
      none: "needs no claim", nothing: "nothing to claim: " + (s.dataset.nothing || "") };
    detail.textContent = "sentence · file offsets " + s.dataset.fileStart + "–" + s.dataset.fileEnd + " · " +
      (states[s.dataset.state] || s.dataset.state) + " · claims " + s.dataset.claims +
      (s.dataset.candidates ? " · candidates " + s.dataset.candidates : "");
    selection.appendChild(title);
    selection.appendChild(detail);
  }

  document.querySelectorAll("span.sentence").forEach(function (s) {
    s.addEventListener("click", function () {
      if (!window.getSelection().isCollapsed) {
        return; // words selected: the selection panel shows them
      }
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

  // After every action that wrote, the page is read again from the server (coverage, statuses, claims): the
  // message and the candidate selected are kept over the reload.
  const KEEP = "coi-graph-workbench:" + doc;
  function reload(message) {
    try {
      window.sessionStorage.setItem(KEEP, JSON.stringify({ message: message, current: current,
        scroll: document.getElementById("text").scrollTop }));
    } catch (ignored) {
      // private mode: the message is lost, nothing else
    }
    window.location.reload();
  }

  // An accept the server refused only because the candidate uses entities the extractor proposed (not in the
  // registry): list them and, if the analyst confirms, send the same request again with confirm_entities.
  function confirmed(path, payload, answer, then) {
    const unconfirmed = (answer && answer.unconfirmed) || [];
    if (!unconfirmed.length || payload.confirm_entities) {
      return false;
    }
    const names = unconfirmed.map(function (u) {
      return "- " + u.label + (u.type ? " (" + u.type + ")" : "") + "  " + u.entity;
    }).join("\n");
    if (!window.confirm("Accepting this candidate adds entities the extractor proposed to the registry " +
        "(data/entities/reviewed.ttl):\n" + names + "\n\nAdd them? (Cancel: edit the candidate to pick " +
        "registry entities, or create the entity first.)")) {
      return false;
    }
    post(path, Object.assign({}, payload, { confirm_entities: true }), then);
    return true;
  }

  function finished(ok, answer, code) {
    if (ok) {
      reload(answer.message || "done");
    } else {
      say(answer.error || "HTTP " + code, "error");
    }
  }

  function candidatePath(el, action) {
    return "/api/candidate/" + encodeURIComponent(doc) + "/" + el.dataset.number + "/" + action;
  }

  // --- violations next to their field -------------------------------------------------------------------
  const ALIASES = { dates: "start", span: "quote", sentence: "quote", passage: "quote", footnote: "footnotes",
    according_to: "attributed_to" };

  function clearErrors(form, general) {
    form.querySelectorAll(".field-error").forEach(function (el) {
      el.textContent = "";
    });
    form.querySelectorAll(".field.invalid").forEach(function (el) {
      el.classList.remove("invalid");
    });
    general.textContent = "";
  }

  function showErrors(form, general, answer, code) {
    clearErrors(form, general);
    const violations = answer.violations || [];
    const loose = [];
    violations.forEach(function (v) {
      let spot = form.querySelector('.field-error[data-for="' + v.field + '"]');
      if (!spot && ALIASES[v.field]) {
        spot = form.querySelector('.field-error[data-for="' + ALIASES[v.field] + '"]');
      }
      const box = spot ? spot.closest(".field") : null;
      if (spot && (!box || box.offsetParent !== null || box.closest("details"))) {
        if (box && box.closest("details")) {
          box.closest("details").open = true;
        }
        spot.textContent = (spot.textContent ? spot.textContent + " " : "") + v.message;
        if (box) {
          box.classList.add("invalid");
        }
      } else {
        loose.push((v.field ? v.field + ": " : "") + v.message);
      }
    });
    if (!violations.length) {
      loose.push(answer.error || "HTTP " + code);
    }
    general.textContent = loose.join(" · ");
    const first = form.querySelector(".field.invalid input:not([type=hidden]), .field.invalid select, " +
      ".field.invalid textarea");
    if (first) {
      first.focus();
    }
  }

  // --- the schema: relations, modalities, kinds of entity ----------------------------------------------
  let schema = { relations: [], types: [] };
  const relationSelect = document.getElementById("f-relation");
  const typeSelect = document.getElementById("f-type");
  function option(select, value, text) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }
  fetch("/api/schema", { credentials: "same-origin" }).then(function (r) {
    return r.json();
  }).then(function (answer) {
    schema = answer;
    if (relationSelect) {
      relationSelect.textContent = "";
      option(relationSelect, "", "— choose a relation —");
      answer.relations.forEach(function (r) {
        const ends = (r.subject ? r.subject.label : "any") + " → " + (r.object ? r.object.label : "any");
        option(relationSelect, r.iri, r.label + (r.event ? " (event)" : "") + " · " + ends);
      });
    }
    if (typeSelect) {
      typeSelect.textContent = "";
      answer.types.forEach(function (t) {
        option(typeSelect, t.iri, t.label);
      });
    }
    body.dataset.schema = "loaded";
  });

  function relationHints() {
    const r = schema.relations.find(function (x) {
      return x.iri === relationSelect.value;
    });
    ["subject", "object"].forEach(function (name) {
      const hint = form.querySelector('[data-hint-for="' + name + '"]');
      if (hint) {
        hint.textContent = r && r[name] ? "wants " + r[name].label : "";
      }
    });
  }

  // --- the entity picker: type a name, choose among the registry's entities ----------------------------
  function describeHit(hit) {
    return hit.type + (hit.wikidata ? " · " + hit.wikidata : " · no QID") + " · " + hit.iri.replace(/^.*\//, "ent:");
  }

  function setupPicker(box) {
    const text = box.querySelector(".pick-text");
    const hidden = box.querySelector("input[type=hidden]");
    const chosen = box.querySelector(".pick-chosen");
    const list = box.querySelector(".pick-hits");
    let timer = null;
    let hits = [];
    let active = -1;
    function mark() {
      Array.from(list.children).forEach(function (li, i) {
        li.classList.toggle("active", i === active);
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
    }
    function close() {
      list.textContent = "";
      hits = [];
      active = -1;
      text.setAttribute("aria-expanded", "false");
    }
    function choose(hit) {
      hidden.value = hit.iri;
      text.value = hit.label;
      chosen.textContent = describeHit(hit);
      close();
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function show(found) {
      list.textContent = "";
      hits = found;
      active = found.length ? 0 : -1;
      found.forEach(function (hit, i) {
        const li = document.createElement("li");
        li.className = "pick-hit";
        li.setAttribute("role", "option");
        li.dataset.iri = hit.iri;
        const label = document.createElement("span");
        label.className = "hit-label";
        label.textContent = hit.label + (hit.alias ? " “" + hit.alias + "”" : "");
        const meta = document.createElement("span");
        meta.className = "hit-meta";
        meta.textContent = describeHit(hit);
        li.appendChild(label);
        li.appendChild(meta);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(hits[i]);
        });
        list.appendChild(li);
      });
      if (!found.length) {
        const li = document.createElement("li");
        li.className = "pick-none";
        li.textContent = "no entity of that name: create it with New entity";
        list.appendChild(li);
      }
      text.setAttribute("aria-expanded", "true");
      mark();
    }
    function search() {
      const q = text.value.trim();
      if (!q) {
        close();
        return;
      }
      fetch("/api/entities?limit=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) {
          return r.json();
        }).then(function (answer) {
          if (text.value.trim() === q) {
            show(answer.hits || []);
          }
        });
    }
    text.addEventListener("input", function () {
      hidden.value = "";
      chosen.textContent = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 120);
    });
    text.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (hits.length) {
          active = (active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
          mark();
        }
        event.preventDefault();
      } else if (event.key === "Enter" && hits.length) {
        choose(hits[Math.max(0, active)]);
        event.preventDefault();
      } else if (event.key === "Escape" && hits.length) {
        close();
        event.preventDefault();
        event.stopPropagation();
      }
    });
    text.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
    return {
      set: function (iri, label) {
        hidden.value = iri || "";
        text.value = label || "";
        chosen.textContent = iri || "";
        close();
      },
      value: function () {
        return hidden.value || (text.value.trim() ? text.value.trim() : "");
      },
    };
  }

  const dialog = document.getElementById("edit-dialog");
  const form = document.getElementById("edit-form");
  const editErrors = document.getElementById("edit-errors");
  const pickers = {};
  if (form) {
    form.querySelectorAll(".entity-picker").forEach(function (box) {
      pickers[box.dataset.name] = setupPicker(box);
    });
    relationSelect.addEventListener("change", relationHints);
  }
  const DATES = ["start", "start_precision", "end", "end_precision"];
  const PLAIN = ["relation", "modality", "time_expression", "footnotes", "quote", "triples"].concat(DATES);
  let original = {};
  let mode = "edit";
  let span = null; // the selected words: passage, start, end, text

  function value(name) {
    if (pickers[name]) {
      return pickers[name].value();
    }
    return form.elements[name].value;
  }

  function fill(fields) {
    PLAIN.forEach(function (name) {
      form.elements[name].value = fields[name] || "";
    });
    ["subject", "object", "attributed_to"].forEach(function (name) {
      pickers[name].set(fields[name] || "", fields[name + "_label"] || "");
    });
    relationHints();
  }

  function openForm(kind, title, fields) {
    mode = kind;
    fill(fields);
    original = {};
    PLAIN.concat(["subject", "object", "attributed_to"]).forEach(function (name) {
      original[name] = value(name);
    });
    document.getElementById("edit-title").textContent = title;
    ["edit-save", "edit-accept"].forEach(function (id) {
      document.getElementById(id).hidden = kind !== "edit";
      document.getElementById(id).disabled = kind !== "edit";
    });
    document.getElementById("edit-claim").hidden = kind !== "claim";
    document.getElementById("edit-claim").disabled = kind !== "claim";
    form.elements.quote.readOnly = kind === "claim";
    document.getElementById("edit-advanced").hidden = kind === "claim";
    clearErrors(form, editErrors);
    dialog.showModal();
    const first = kind === "claim" ? document.getElementById("f-relation") : document.getElementById("f-subject");
    first.focus();
  }

  function openEditor(el) {
    const fields = JSON.parse(el.dataset.fields || "{}");
    const turtle = el.querySelector(".c-turtle code");
    fields.triples = turtle ? turtle.textContent : "";
    document.getElementById("edit-span").textContent = "";
    document.getElementById("edit-number").textContent = el.dataset.number;
    openForm("edit", "Edit candidate", fields);
    if (!fields.relation) {
      document.getElementById("edit-advanced").open = true;
    }
  }

  function openClaim() {
    if (!writable) {
      say("Read only: start the workbench with --reviewer NAME.", "error");
      return;
    }
    if (!span) {
      say("Select the words of one sentence first (drag over them), then Add claim (c).", "error");
      return;
    }
    document.getElementById("edit-number").textContent = "";
    const sentence = document.querySelector('span.sentence[data-iri="' + CSS.escape(span.sentence) + '"]');
    const markers = sentence && sentence.dataset.markers ? sentence.dataset.markers.split(" ") : [];
    document.getElementById("edit-span").textContent = "from " + span.sentence + " [" + span.start + ":" +
      span.end + "] · " + (markers.length ? "markers of the sentence: " + markers.join(", ") + " (the footnotes " +
      "of those in or right after the words are filled in, else of the next ones in the sentence)" :
      "no footnote marker in the sentence") + "; the document's date is filled in";
    openForm("claim", "Add a claim", { quote: span.text, modality: "stated" });
  }

  function collect() {
    const edits = {};
    Object.keys(original).forEach(function (name) {
      const now = value(name);
      if (now !== original[name]) {
        edits[name] = now;
      }
    });
    ["start", "end"].forEach(function (name) { // a date goes with its precision
      if (edits[name] !== undefined || edits[name + "_precision"] !== undefined) {
        edits[name] = value(name);
        edits[name + "_precision"] = value(name + "_precision");
      }
    });
    if (mode === "claim") {
      delete edits.quote;
      delete edits.triples;
      ["relation", "subject", "object"].forEach(function (name) {
        edits[name] = value(name);
      });
      edits.modality = value("modality");
    }
    if (edits.triples !== undefined) { // the triples, or subject, relation and object
      ["relation", "subject", "object"].forEach(function (name) {
        delete edits[name];
      });
    }
    return edits;
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      const action = event.submitter ? event.submitter.value : (mode === "claim" ? "claim" : "edit");
      if (action === "cancel") {
        return;
      }
      event.preventDefault();
      const edits = collect();
      editErrors.textContent = action + " …";
      function answered(ok, answer, code) {
        if (ok) {
          dialog.close();
          finished(ok, answer, code);
        } else {
          showErrors(form, editErrors, answer, code);
        }
      }
      if (action === "claim") {
        post("/api/claim", { doc: doc, passage: span.passage, start: span.start, end: span.end, fields: edits },
          answered);
      } else {
        const path = candidatePath(candidates[current], action);
        post(path, { edits: edits }, function (ok, answer, code) {
          if (ok || !confirmed(path, { edits: edits }, answer, answered)) {
            answered(ok, answer, code);
          }
        });
      }
    });
  }

  // --- rejecting, with the reason ----------------------------------------------------------------------
  const rejectDialog = document.getElementById("reject-dialog");
  const rejectForm = document.getElementById("reject-form");
  if (rejectForm) {
    rejectForm.addEventListener("submit", function (event) {
      const action = event.submitter ? event.submitter.value : "reject";
      if (action === "cancel") {
        return;
      }
      event.preventDefault();
      const errors = document.getElementById("reject-errors");
      post(candidatePath(candidates[current], "reject"), { reason: rejectForm.elements.reason.value },
        function (ok, answer, code) {
          if (ok) {
            rejectDialog.close();
            finished(ok, answer, code);
          } else {
            showErrors(rejectForm, errors, answer, code);
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
      post(candidatePath(el, action), {}, finished); // the server says why it cannot
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
    if (action === "reject") {
      document.getElementById("reject-number").textContent = el.dataset.number;
      rejectForm.elements.reason.value = "";
      clearErrors(rejectForm, document.getElementById("reject-errors"));
      rejectDialog.showModal();
      rejectForm.elements.reason.focus();
      return;
    }
    say(action + " candidate " + el.dataset.number + " …");
    const path = candidatePath(el, action);
    post(path, { edits: {} }, function (ok, answer, code) {
      if (ok || !confirmed(path, { edits: {} }, answer, finished)) {
        finished(ok, answer, code);
      }
    });
  }

  // --- nothing to claim in a sentence: the chosen one, with the reason ----------------------------------
  const nothingDialog = document.getElementById("nothing-dialog");
  const nothingForm = document.getElementById("nothing-form");
  function openNothing() {
    const chosen = document.querySelector("span.sentence.chosen");
    if (!chosen) {
      say("Choose a sentence first (click it, or n for the next one left).");
      return;
    }
    if (!writable) {
      say("Read only: start the workbench with --reviewer NAME.", "error");
      return;
    }
    document.getElementById("nothing-sentence").textContent = chosen.dataset.iri;
    nothingForm.elements.reason.value = "";
    clearErrors(nothingForm, document.getElementById("nothing-errors"));
    nothingDialog.showModal();
    nothingForm.elements.reason.focus();
  }
  if (nothingForm) {
    nothingForm.addEventListener("submit", function (event) {
      const action = event.submitter ? event.submitter.value : "save";
      if (action === "cancel") {
        return;
      }
      event.preventDefault();
      const chosen = document.querySelector("span.sentence.chosen");
      const errors = document.getElementById("nothing-errors");
      post("/api/sentence", { doc: doc, sentence: chosen.dataset.iri, reason: nothingForm.elements.reason.value },
        function (ok, answer, code) {
          if (ok) {
            nothingDialog.close();
            finished(ok, answer, code);
          } else {
            showErrors(nothingForm, errors, answer, code);
          }
        });
    });
  }

  function undo() {
    say("undo …");
    post("/api/undo", {}, finished);
  }

  // --- creating an entity: from a new name, or the selected words ---------------------------------------
  const entityDialog = document.getElementById("entity-dialog");
  const entityForm = document.getElementById("entity-form");
  const entityErrors = document.getElementById("entity-errors");
  const proposal = document.getElementById("entity-proposal");
  let created = null;

  function openEntity(label) {
    if (!writable) {
      say("Read only: start the workbench with --reviewer NAME.", "error");
      return;
    }
    created = null;
    entityForm.elements.label.value = label || "";
    entityForm.elements.aliases.value = "";
    proposal.textContent = "";
    clearErrors(entityForm, entityErrors);
    document.getElementById("entity-create").disabled = false;
    entityDialog.showModal();
    typeSelect.focus();
  }

  function line(parent, text, css) {
    const p = document.createElement("p");
    p.textContent = text;
    if (css) {
      p.className = css;
    }
    parent.appendChild(p);
  }

  if (entityForm) {
    entityForm.addEventListener("submit", function (event) {
      const action = event.submitter ? event.submitter.value : "create";
      if (action === "cancel" || created) {
        return; // closing; the page is read again below if something was created
      }
      event.preventDefault();
      const aliases = entityForm.elements.aliases.value.split(/\n|;/).map(function (a) {
        return a.trim();
      }).filter(Boolean);
      post("/api/entity", { type: typeSelect.value, label: entityForm.elements.label.value, aliases: aliases },
        function (ok, answer, code) {
          if (!ok) {
            showErrors(entityForm, entityErrors, answer, code);
            return;
          }
          clearErrors(entityForm, entityErrors);
          created = answer;
          document.getElementById("entity-create").disabled = true;
          proposal.textContent = "";
          line(proposal, "Created " + (answer.entity || "").replace(/^.*\//, "ent:") + " in " +
            (answer.written || []).join(", "), "created");
          (answer.proposals || []).forEach(function (p) {
            line(proposal, "Wikidata proposal: " + p.qid + " (score " + Number(p.score).toFixed(3) + ", " +
              p.method + ") — a candidate link, not confirmed: confirm or reject it with coi-graph link --review",
            "wikidata");
          });
          if (!(answer.proposals || []).length) {
            (answer.notes || []).forEach(function (n) {
              line(proposal, n, "note");
            });
          }
        });
    });
    entityDialog.addEventListener("close", function () {
      if (created) {
        const notes = (created.proposals || []).map(function (p) {
          return "Wikidata proposal " + p.qid + " (not confirmed)";
        });
        reload([created.message].concat(notes).join(" · "));
      }
    });
  }

  document.querySelectorAll("mark.mention.kind-new").forEach(function (m) {
    m.addEventListener("click", function (event) {
      if (!window.getSelection().isCollapsed) {
        return;
      }
      event.stopPropagation();
      openEntity(m.textContent);
    });
  });

  // --- the selected words: passage offsets, counted as the build counts them ---------------------------
  function textNodes(passage) {
    const walker = document.createTreeWalker(passage, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".marker") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push(node);
    }
    return nodes;
  }

  // The offset in the passage's text (markers left out) of a point of the page's selection.
  function offsetIn(passage, container, offset) {
    const point = document.createRange();
    point.setStart(container, offset);
    let at = 0;
    const nodes = textNodes(passage);
    for (let i = 0; i < nodes.length; i += 1) {
      const node = nodes[i];
      if (node === container) {
        return at + offset;
      }
      if (point.comparePoint(node, 0) > 0) { // the node comes after the point
        return at;
      }
      at += node.nodeValue.length;
    }
    return at;
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) {
      return null;
    }
    const range = sel.getRangeAt(0);
    const startEl = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    const endEl = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
    const passage = startEl.closest("p.passage");
    if (!passage || endEl.closest("p.passage") !== passage) {
      return { error: "select words of one passage" };
    }
    const whole = textNodes(passage).map(function (n) {
      return n.nodeValue;
    }).join("");
    let start = offsetIn(passage, range.startContainer, range.startOffset);
    let end = offsetIn(passage, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(whole[start])) {
      start += 1;
    }
    while (end > start && /\s/.test(whole[end - 1])) {
      end -= 1;
    }
    if (start >= end) {
      return null;
    }
    const sentence = Array.from(passage.querySelectorAll("span.sentence")).find(function (s) {
      return Number(s.dataset.start) <= start && end <= Number(s.dataset.end);
    });
    if (!sentence) {
      return { error: "select words within one sentence" };
    }
    return { passage: passage.dataset.iri, start: start, end: end, text: whole.slice(start, end),
      sentence: sentence.dataset.iri };
  }

  const addButton = document.getElementById("add-claim");
  document.addEventListener("selectionchange", function () {
    const found = readSelection();
    if (found === null) {
      return; // a click elsewhere keeps the last selection for the buttons
    }
    if (found.error) {
      span = null;
      selection.textContent = found.error + " to add a claim";
      return;
    }
    span = found;
    selection.textContent = "";
    const head = document.createElement("div");
    head.className = "sel-iri";
    head.textContent = "“" + span.text + "”";
    const detail = document.createElement("div");
    detail.className = "sel-detail";
    detail.textContent = span.sentence + " · passage text " + span.start + "–" + span.end +
      " · Add claim (c) or New entity (m)";
    selection.appendChild(head);
    selection.appendChild(detail);
    body.dataset.span = span.start + ":" + span.end;
  });

  if (addButton) {
    addButton.addEventListener("click", openClaim);
    document.getElementById("new-entity").addEventListener("click", function () {
      openEntity(span ? span.text : "");
    });
    document.getElementById("undo").addEventListener("click", undo);
  }

  // the entity finder of the side panel
  const query = document.getElementById("entity-query");
  const hitsList = document.getElementById("entity-hits");
  let pendingSearch = null;
  function search() {
    const text = query.value.trim();
    if (!text) {
      hitsList.textContent = "";
      return;
    }
    fetch("/api/entities?q=" + encodeURIComponent(text), { credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        hitsList.textContent = "";
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
          hitsList.appendChild(li);
        });
        if (!hitsList.children.length) {
          const li = document.createElement("li");
          li.textContent = "no entity of that name";
          hitsList.appendChild(li);
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
    if (document.querySelector("dialog[open]")) {
      return; // a form is open: its fields take the keys (Enter saves, Escape closes)
    }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
        target.isContentEditable)) {
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
      case "x":
        openNothing();
        break;
      case "c":
        openClaim();
        break;
      case "m": {
        const chosen = document.querySelector("mark.kind-new.chosen-new");
        openEntity(span ? span.text : (chosen ? chosen.textContent : ""));
        break;
      }
      case "/":
        document.getElementById("picker").open = true;
        query.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // what the last action said, and where the analyst was, before the page was read again
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(KEEP) || "null");
    window.sessionStorage.removeItem(KEEP);
    if (kept) {
      if (kept.current >= 0 && candidates.length) {
        select(Math.min(kept.current, candidates.length - 1));
      }
      say(kept.message, "ok");
    }
  } catch (ignored) {
    // nothing kept
  }
  body.dataset.ready = "yes";
})();
