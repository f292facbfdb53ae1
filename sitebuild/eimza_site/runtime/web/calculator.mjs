// E-İmza Rehberi calculator, main thread: reads the form, keeps the case in the URL hash,
// shows the engine's build-time answers (the page's instant table) and, where only Python can
// answer (a person typed, a date outside the table), asks the worker (Python engine) and
// inserts the engine's HTML. It never computes fees.
//
// #eimza-calc data-state: "idle" (no worker: Python not needed yet), "loading" (the worker
// starts: on intent only, see the boot script), "ready" (the worker has answered), "failed".
const root = document.getElementById("eimza-calc");
const form = document.getElementById("eimza-form");
const region = root.querySelector(".eimza-result"); // the region "Sonuç"
const result = document.getElementById("eimza-result");
const when = document.getElementById("eimza-when"); // the answer's head: its date, the other-day notice
const linkBox = document.getElementById("eimza-link-date"); // a link's other date, offered
const dateWords = document.getElementById("eimza-date-words");
const status = document.getElementById("eimza-status");
const tcknMsg = document.getElementById("eimza-tckn-msg");
const tcknInput = form.elements.namedItem("tckn");
const personMsg = document.getElementById("eimza-person-msg");
const dateInput = form.elements.namedItem("date");
const dateMsg = document.getElementById("eimza-date-msg");
const announcer = document.getElementById("eimza-announce");
// the form's reading and the one instant-answer lookup: the page's inline script
// (partials/eimza-instant.html), which ran at first paint
const I = window.__eimzaInstant;
if (!I) throw new Error("eimza calculator: the page's inline form script did not run");
const FAIL_HTML =
  '<p class="eimza-fail"><strong>Hesaplayıcı bu tarayıcıda çalıştırılamadı.</strong> ' +
  "Aşağıdaki hazır yanıtlar aynı bilgileri verir. Sayfayı yenileyerek yeniden deneyebilirsiniz.</p>";
// the loading line (its first sentence shows the download's progress: loadingText)
const progressHtml = () =>
  `<p class="eimza-progress" data-eimza-loading><span>${loadingText}</span> ` +
  "Bu seçim için hesap, hesaplayıcı hazır olunca gösterilecek.</p>";

// --- the date: the answer waits for a whole, real date (never "today" in its place) ---
const DATE_INCOMPLETE = "Ödeme tarihini gün.ay.yıl olarak eksiksiz girin (ör. 12.03.2024).";
const LINK_DATE = ["Bağlantıdaki tarih (", ") geçerli bir tarih değil. Ödeme tarihini gün.ay.yıl olarak girin."];
let linkDate = I.linkDate; // the link's `tarih` when it is not a real date: kept as typed
let offer = I.offer; // a link's real date that is not today: offered (the form holds today)

// A link's text shown back to the reader: a few characters, without control, formatting
// (bidi, zero-width), separator or combining characters, as typed input (<kbd>, its
// direction isolated), never as the page's own words.
const TYPED_MAX = 12;
function typedEcho(raw) {
  const chars = Array.from(raw.replace(/[\p{C}\p{M}\p{Zl}\p{Zp}]/gu, ""));
  const kbd = document.createElement("kbd");
  kbd.className = "eimza-typed";
  kbd.dir = "ltr";
  kbd.textContent = chars.slice(0, TYPED_MAX).join("") + (chars.length > TYPED_MAX ? "…" : "");
  return kbd;
}

function dateProblem() {
  if (linkDate !== null) return LINK_DATE.join(typedEcho(linkDate).textContent);
  if (!I.wholeDate()) return DATE_INCOMPLETE;
  return null;
}

// Only real changes touch the DOM (each write invalidates style, even of the same value):
// an attribute, and a message element's text (hidden when empty).
function put(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
function say(el, text) {
  if (el.hidden !== !text) el.hidden = !text;
  if (el.textContent !== text) el.textContent = text;
}

function showDateProblem(problem) {
  put(dateInput, "aria-invalid", problem ? "true" : "false");
  const words = problem ? "" : I.words(dateInput.value);
  if (dateWords.textContent !== words) dateWords.textContent = words;
  if (problem && linkDate !== null) {
    // the link's text as typed input inside the page's sentence
    if (dateMsg.dataset.link !== linkDate) {
      dateMsg.replaceChildren(LINK_DATE[0], typedEcho(linkDate), LINK_DATE[1]);
      dateMsg.dataset.link = linkDate;
    }
    dateMsg.hidden = false;
    return;
  }
  delete dateMsg.dataset.link;
  say(dateMsg, problem || "");
}

// A link's other date, offered above the answer while the form shows another day
// (what it shows is kept: reading innerHTML back would serialize the box on every change)
let shownOffer = linkBox.hidden ? "" : linkBox.innerHTML;
function showOffer(c) {
  const html = offer && offer !== c.date ? I.offerHtml(offer) : "";
  if (html === shownOffer) return;
  linkBox.innerHTML = html;
  linkBox.hidden = !html;
  shownOffer = html;
}

// The answer's head (eimza.dated): the worker's or the page's from the same templates
let shownHead = I.painted ? I.painted.head : "";
function showHead(head) {
  if (head === shownHead) return;
  const focused = when.contains(document.activeElement);
  when.innerHTML = head;
  shownHead = head;
  // its button was pressed: the reader's place is the result's heading
  if (focused) document.getElementById("sonuc").focus();
}

// --- one short announcement per new answer, once the input has settled ---
const SETTLE_MS = 700;
let announceTimer = null;
let progressTimer = null;

// what a new answer's announcement says first: its head's notice (another day than today)
function headLead() {
  return when.querySelector("[data-eimza-say]")?.textContent.trim() || "";
}

function announce(line) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    announcer.textContent = line;
  }, SETTLE_MS);
}

// a reader's own action's result (a copy): said at once, even when it is the same line again
function sayNow(line) {
  clearTimeout(announceTimer);
  announcer.textContent = "";
  announceTimer = setTimeout(() => {
    announcer.textContent = line;
  }, 50);
}

const readCase = I.readCase;
const readPerson = I.readPerson;
const NO_PERSON = { name: "", surname: "", tckn: "" };
const syncOptions = I.syncOptions;

// --- the case in the URL hash (never name, surname or T.C. Kimlik No) ---
function caseToHash(c) {
  const p = new URLSearchParams({ durum: c.situation, gorev: c.role });
  if (linkDate !== null) p.set("tarih", linkDate);
  else if (c.date) p.set("tarih", c.date);
  for (const [name, value] of Object.entries(I.linkOptions(c))) p.set(name, value);
  return `#${p}`;
}

// --- instant answers: the engine's build-time answers (eimza.instant), no Python needed ---
// the state (case and person) whose instant answer is on screen: the inline script's at first paint
const stateOf = (c, person) => JSON.stringify([c, person]);
let instantShown = I.painted ? stateOf(I.paintedCase, readPerson()) + I.painted.head : null;

// --- the engine's answers without a person, kept for the page's life (a pure function of the
// case and the page's data): a case answered before, or one the worker answered ahead in its
// idle time (the other situations and roles at the form's date and options), shows at once.
// Never an answer with a person: names stay in the form and the one request for them.
const kept = new Map(); // caseKey(case) -> the worker's answer {html, head, summary, …}
// (with the reader's today: the head says whether the date is today)
const caseKey = (c) => JSON.stringify([...Object.keys(c).sort().map((k) => [k, c[k]]), I.today()]);
const choices = I.choices;
let prefetched = null; // the date and options the worker was last asked to answer ahead for

function prefetch() {
  const c = readCase();
  const at = JSON.stringify([c.date, I.today(), ...I.optionStates()]);
  if (!workerReady || failed || !c.date || at === prefetched) return;
  prefetched = at;
  const cases = [];
  for (const situation of choices("situation")) {
    for (const role of choices("role")) {
      const other = I.caseOf(situation, role);
      const key = caseKey(other);
      if (!kept.has(key) && I.answer(other, NO_PERSON) === null) cases.push({ key, case: other, today: I.today() });
    }
  }
  if (cases.length) worker.postMessage({ type: "prefetch", cases });
}

// --- worker ---
let worker = null;
let asked = null; // caseKey of the worker's pending request without a person (kept when it comes)
let workerReady = false;
let shownHtml = I.painted ? I.painted.html : null; // the engine HTML now in the result region
let seq = 0;
let failed = null; // null, "failed" (Python cannot run here) or "offline" (no network, no kept runtime)
let firstAnswer = false;
let snapshotRefetched = false; // a snapshot whose digest did not match is fetched once more
let loadingText = "Hesaplayıcı hazırlanıyor…";

// "Hesaplayıcı indiriliyor: %42" while the runtime downloads, then "Hesaplayıcı hazırlanıyor…"
// (Python starting). Shown in the loading line only: the region is no live region, so nothing
// is announced per chunk.
// A whole percentage in Turkish is "%42": written here, because the first Intl.NumberFormat
// of a page costs 20–30 ms (the locale's data), a long task inside this module's evaluation.
function showProgress(loaded, totalBytes) {
  loadingText =
    totalBytes > 0 && loaded < totalBytes
      ? `Hesaplayıcı indiriliyor: %${Math.floor((100 * loaded) / totalBytes)}`
      : "Hesaplayıcı hazırlanıyor…";
  const line = result.querySelector("[data-eimza-loading] > span");
  if (line && !failed) line.textContent = loadingText;
  showStatus();
}

// The region's status line, over an instant answer: that Python is loading (and what waits
// for it), or that it could not run, so the description (a person typed) cannot be written.
const WAITS = "Ödeme açıklaması, hesaplayıcı hazır olunca yazılacak.";
const NOT_WRITTEN = {
  failed: "Ödeme açıklaması yazılamadı: hesaplayıcı bu tarayıcıda çalıştırılamadı.",
  offline: "Ödeme açıklaması yazılamadı: bağlantı kurulamadı ve hesaplayıcı bu cihaza indirilmemiş.",
};
function showStatus() {
  const person = Object.values(readPerson()).some(Boolean);
  let text = "";
  if (root.dataset.answer === "instant") {
    if (failed) text = person ? NOT_WRITTEN[failed] : "";
    else if (root.dataset.state === "loading") text = person ? `${loadingText} ${WAITS}` : loadingText;
  }
  say(status, text);
}

// the boot watchdog (boot script) found no progress for too long: give up this worker
window.__eimzaStuck = (why) => {
  worker?.terminate();
  fail(why);
};

// offline: the worker's downloads were refused without an answer (no network) and the
// offline copy has no runtime
function fail(message, offline = false) {
  if (failed) return;
  failed = offline ? "offline" : "failed";
  root.dataset.state = "failed";
  if (message) console.warn("eimza calculator:", message);
  clearTimeout(progressTimer);
  // an instant answer on screen stays: it is the engine's own answer for this case and date
  if (root.dataset.answer !== "instant") showFailure();
  showStatus();
  document.getElementById("eimza-static")?.removeAttribute("hidden");
}

function showFailure() {
  showHead("");
  if (typeof window.__eimzaFail === "function") {
    window.__eimzaFail(failed === "offline"); // the boot script's message, with "Yeniden dene"
  } else {
    result.innerHTML = FAIL_HTML;
  }
  shownHtml = null;
  announce(result.textContent.trim());
}

// Python is needed (a person typed, a date the instant table lacks): the boot script's
// start, which calculator.mjs adopts through __eimzaOnStart.
function needWorker() {
  if (!worker && !failed && typeof window.__eimzaStart === "function") window.__eimzaStart();
}

// useSnapshot: true (the boot script's worker, if any), "reload" (a fresh worker fetching the
// snapshot past the cache) or false (plain boot)
function startWorker(useSnapshot) {
  workerReady = false;
  const boot = window.__eimzaBoot;
  window.__eimzaBoot = null;
  if (boot && useSnapshot === true) {
    // Started early by the inline script in the form's partial: adopt it.
    worker = boot.worker;
  } else {
    try {
      worker = window.__eimzaNewWorker(useSnapshot); // the boot script's: one start for all
    } catch (err) {
      fail(String(err));
      return;
    }
    window.__eimzaAlive?.(true); // a new boot: the watchdog watches it
  }
  // (the worker's script itself not loaded: offline without the kept runtime, if the
  // network does not answer either)
  worker.onerror = (event) => workerError(event.message || "worker error");
  worker.onmessage = (event) => {
    window.__eimzaAlive?.();
    onWorkerMessage(event.data);
  };
  update();
  if (worker === boot?.worker) {
    for (const message of boot.errors) workerError(message);
    for (const message of boot.messages) onWorkerMessage(message);
  }
}

// The worker failed as a whole (its script did not load, or a download got no answer at
// all): offline without the kept runtime if the site does not answer either (one small
// request past every cache).
function workerError(message) {
  fetch(location.pathname, { method: "HEAD", cache: "no-store" }).then(
    () => fail(message),
    () => fail(message, true),
  );
}

function onWorkerMessage(msg) {
  if (msg.type === "restart-plain" && msg.offline) {
    worker.terminate();
    workerError(msg.message); // no answer at all: a plain boot could not download either
  } else if (msg.type === "restart-plain") {
    worker.terminate();
    if (msg.refetch && !snapshotRefetched) {
      // changed bytes: once more, past the HTTP cache (a bad copy kept as immutable)
      snapshotRefetched = true;
      console.warn("eimza calculator: snapshot unusable, fetching it again past the cache:", msg.message);
      startWorker("reload");
      return;
    }
    console.warn("eimza calculator: snapshot unusable, booting plainly:", msg.message);
    startWorker(false);
  } else if (msg.type === "progress") {
    showProgress(msg.loaded, msg.total);
  } else if (msg.type === "fatal" && msg.offline) {
    workerError(msg.message);
  } else if (msg.type === "fatal") {
    fail(msg.message);
  } else if (msg.type === "ready") {
    // booted: the watchdog measured the boot only; the calculator is ready whether or not a
    // case waits (a date still being typed is no failure)
    window.__eimzaBooted?.();
    workerReady = true;
    root.dataset.mode = msg.mode;
    if (!failed) root.dataset.state = "ready";
    showStatus();
    // the engine in the worker takes over from an instant answer (same HTML by construction)
    if (root.dataset.answer === "instant") {
      seq += 1;
      const person = readPerson();
      asked = Object.values(person).some(Boolean) ? null : caseKey(readCase());
      worker.postMessage({ type: "answer", id: seq, case: readCase(), person, today: I.today() });
    }
  } else if (msg.type === "prefetched") {
    if (msg.answer?.html && !msg.personError) kept.set(msg.key, msg.answer);
  } else if (msg.type === "answer" && msg.id === seq) {
    if (asked !== null && msg.answer?.html && !msg.error) kept.set(asked, msg.answer);
    render(msg);
    prefetch();
  }
}

const WAITING_HTML = '<p class="eimza-progress">Yanıt için ödeme tarihini eksiksiz girin.</p>';

// The hash follows the form a moment after its last change: each same-document URL change
// makes Chromium fetch and decode the favicon again (10–20 ms of this thread at 4× CPU),
// which must not fall inside an answer's frame, and typing a date changes the form at every
// digit. Written at once when the page is left.
const HASH_MS = 300;
let hashTimer = null;
function writeHash() {
  clearTimeout(hashTimer);
  hashTimer = null;
  const hash = caseToHash(readCase());
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
window.addEventListener("pagehide", () => {
  if (hashTimer !== null) writeHash();
});

function update() {
  if (keepTimer !== null) keepWhenQuiet(); // the reader is still at the form
  const c = readCase();
  clearTimeout(hashTimer);
  hashTimer = setTimeout(writeHash, HASH_MS);
  const problem = dateProblem();
  showDateProblem(problem);
  showOffer(c);
  if (problem) {
    // the answer waits for a whole date; the previous one (another date) is taken away
    seq += 1;
    if (!failed) {
      root.dataset.answer = "none";
      showHead("");
      result.innerHTML = WAITING_HTML;
      shownHtml = null;
      announce(problem);
    }
    return;
  }
  const person = readPerson();
  const hit = I.answer(c, person);
  seq += 1; // a worker answer still on its way is for an older state of the form
  if (hit !== null) {
    showInstant(c, person, hit);
    return;
  }
  const personless = !Object.values(person).some(Boolean);
  const known = personless ? kept.get(caseKey(c)) : undefined;
  if (known) {
    render({ answer: known, tcknValid: null, personError: null });
    prefetch();
    return;
  }
  // Only Python answers this: a person typed (the description) or a date the table lacks.
  // Until it can, the same case's answer without the person stays (the status line says why).
  const bare = workerReady ? null : I.answer(c, NO_PERSON);
  if (bare !== null) {
    showInstant(c, NO_PERSON, bare);
  } else if (failed) {
    instantShown = null;
    root.dataset.answer = "none";
    showFailure();
  } else if (!workerReady && root.dataset.answer) {
    // what is on screen was for another case or date: say that Python is still loading
    instantShown = null;
    root.dataset.answer = "none";
    showHead("");
    result.innerHTML = progressHtml();
    shownHtml = null;
  }
  showStatus();
  if (failed) return;
  asked = personless ? caseKey(c) : null;
  if (worker) worker.postMessage({ type: "answer", id: seq, case: c, person, today: I.today() });
  else needWorker(); // its start posts the form's case
}

// The instant table's answer for this case (and person: none, or none yet), under its head
function showInstant(c, person, hit) {
  const state = stateOf(c, person) + hit.head;
  // the same state's instant answer is already there (first paint): nothing to say
  if (!(state === instantShown && root.dataset.answer === "instant")) {
    render({ answer: hit, tcknValid: null, personError: null }, "instant");
    instantShown = state;
  }
  showStatus();
}

function render(msg, source = "worker") {
  if (msg.error || !msg.answer) {
    fail(msg.error);
    return;
  }
  const previous = root.dataset.answer;
  put(root, "data-answer", source);
  if (source === "instant" && !performance.getEntriesByName("eimza-instant-answer").length) {
    performance.mark("eimza-instant-answer");
  }
  const invalid = msg.tcknValid === false;
  put(tcknInput, "aria-invalid", invalid ? "true" : "false");
  say(
    tcknMsg,
    invalid
      ? "T.C. Kimlik No geçersiz: 11 haneli olmalı, 0 ile başlamamalı ve kontrol haneleri tutmalı. Açıklama bu numarayla yazılmaz."
      : "",
  );
  say(personMsg, msg.personError || "");
  const head = msg.answer.head || "";
  const same = msg.answer.html === shownHtml && head === shownHead;
  showHead(head);
  if (msg.answer.html !== shownHtml) {
    result.innerHTML = msg.answer.html;
    shownHtml = msg.answer.html;
    addCopyButtons();
  }
  clearTimeout(progressTimer);
  // the worker taking over an instant answer with the same HTML is no new answer
  if (!(same && previous === "instant" && source === "worker" && !msg.personError)) {
    const summary = msg.answer.summary || result.textContent.trim().split("\n")[0];
    const line = [headLead(), summary].filter(Boolean).join(" ");
    announce(msg.personError ? `${line} Açıklama yazılmadı: ${msg.personError}` : line);
  }
  if (source === "worker" && !firstAnswer) {
    firstAnswer = true;
    root.dataset.state = "ready"; // (already, since the worker's "ready")
    performance.mark("eimza-first-answer");
    pythonUsed = true;
    keepWhenQuiet(); // Python was used: its runtime joins the offline copy
  }
  showStatus();
}

// --- copy buttons: the engine marks copyable text with data-copy ---
function addCopyButtons() {
  for (const el of result.querySelectorAll("[data-copy]:not(button)")) {
    if (el.nextElementSibling?.classList.contains("eimza-copy")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "eimza-copy md-button";
    button.textContent = "Kopyala";
    const term = el.closest("dd")?.previousElementSibling;
    const what = el.getAttribute("data-copy-label") || term?.textContent.trim() || "Metin";
    button.dataset.what = what;
    button.setAttribute("aria-label", `${what} kopyala`);
    button.dataset.copyText = el.getAttribute("data-copy") || el.textContent.trim();
    el.after(button);
  }
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

result.addEventListener("click", async (event) => {
  const button = event.target.closest("button");
  if (!button || !result.contains(button)) return;
  let text = button.dataset.copyText ?? button.getAttribute("data-copy");
  if (text === null || text === undefined) return;
  if (text === "") {
    const target = document.getElementById(button.getAttribute("data-copy-target") || "");
    text = target ? target.textContent.trim() : "";
  }
  const ok = await copyText(text);
  const old = button.textContent;
  const label = button.getAttribute("aria-label");
  const what = button.dataset.what || "Metin";
  button.textContent = ok ? "Kopyalandı" : "Kopyalanamadı";
  button.setAttribute("aria-label", ok ? `${what} kopyalandı` : `${what} kopyalanamadı`);
  // said once by the page's one live line ("IBAN kopyalandı"), at once
  sayNow(button.getAttribute("aria-label"));
  setTimeout(() => {
    button.textContent = old;
    if (label !== null) button.setAttribute("aria-label", label);
  }, 2000);
});

// A date the engine offers (today's answer, a link's date): the form's date becomes it
region.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-eimza-date]");
  if (!button || !region.contains(button) || !I.realDate(button.dataset.eimzaDate)) return;
  dateInput.value = button.dataset.eimzaDate;
  linkDate = null;
  syncOptions();
  update();
  // the pressed button went with the text it was in: the reader's place is the result's heading
  if (!button.isConnected || button.closest("[hidden]")) document.getElementById("sonuc").focus();
});

// --- offline: the runtime joins the offline copy once Python was used, or on request ---
// (sw.js keeps every page at once; every page registers it: partials/eimza-offline.html)
const keepBox = root.querySelector("[data-eimza-keep]");
const keepButton = document.getElementById("eimza-keep");
const keepMsg = document.getElementById("eimza-keep-msg");
const KEPT = "Hesaplayıcı bu cihaza indirildi: bağlantı olmadan da çalışır.";
let pythonUsed = false;

// Once Python was used, the runtime joins the copy when the reader has left the form alone
// for KEEP_QUIET_MS, or at once when the page is hidden or left: the service worker copying
// and checking some 20 MB competes with the page's answers on a small machine (on two cores
// it made the changes right after Python's first answer twice as slow as a bare page's).
const KEEP_QUIET_MS = window.__eimzaKeepQuietMs || 3000;
let keepTimer = null;
function keepWhenQuiet() {
  clearTimeout(keepTimer);
  keepTimer = setTimeout(keepNow, KEEP_QUIET_MS);
}
function keepNow() {
  if (keepTimer === null) return;
  clearTimeout(keepTimer);
  keepTimer = null;
  keepRuntime();
}
window.addEventListener("pagehide", keepNow);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") keepNow();
});

// Asks this edition's service worker to keep the runtime; resolves to whether it did.
async function keepRuntime() {
  const sw = navigator.serviceWorker;
  if (!sw) return false;
  try {
    // The worker that controls this page is asked at once (a page being left runs no later
    // task); else the page's own registration, once made (partials/eimza-offline.html), or its failure.
    let target = sw.controller;
    if (!target) {
      if (window.__eimzaSW) await window.__eimzaSW;
      target = sw.controller || (await sw.ready).active;
    }
    const ok = await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data?.ok === true);
      target.postMessage({ type: "eimza-keep-runtime" }, [channel.port2]);
    });
    if (ok) showKept();
    return ok;
  } catch (err) {
    console.warn("eimza calculator: runtime not kept offline:", err);
    return false;
  }
}

function showKept() {
  keepButton.hidden = true;
  keepMsg.textContent = KEPT;
}

if ("serviceWorker" in navigator && "caches" in window) {
  keepBox.hidden = false;
  caches.match(new URL(keepButton.dataset.check, document.baseURI).href).then(
    (hit) => hit && showKept(),
    () => {},
  );
  // (what the button did is said once by the page's one live line, as an answer is)
  keepButton.addEventListener("click", async () => {
    keepButton.disabled = true;
    keepMsg.textContent = "Hesaplayıcı indiriliyor…";
    const ok = await keepRuntime();
    keepButton.disabled = false;
    if (!ok) keepMsg.textContent = "Hesaplayıcı indirilemedi. Bağlantınızı denetleyip yeniden deneyin.";
    announce(keepMsg.textContent);
  });
  // a new edition's worker took over this page: it keeps its own runtime if Python was used
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (pythonUsed) keepRuntime();
  });
}

// --- wiring (the inline script has filled the form from its defaults and the link) ---
if (I.painted) addCopyButtons();
// the progress line, announced only if the first answer is slow to come (not over an answer
// painted at once: nothing changed yet)
if (!I.painted) {
  progressTimer = setTimeout(() => {
    if (!firstAnswer && !failed) announce(result.textContent.trim());
  }, 2000);
}
syncOptions();
form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("input", (event) => {
  if (event.target === dateInput) {
    linkDate = null; // the reader's own date replaces the link's
    offer = null;
  }
  syncOptions();
  update();
});
// (focus or input in Ad / Soyad / T.C. Kimlik No starts Python: the page's inline script)
// A link to a heading of this page (the table of contents) names no case: the form, its
// options and the answer stay the reader's.
function followHash() {
  ({ bad: linkDate, offer } = I.applyHash());
  syncOptions();
  update();
}
window.addEventListener("hashchange", () => {
  if (I.caseHash()) followHash();
});
// back/forward cache: the page comes back as it was left; the hash still names the case
window.addEventListener("pageshow", (event) => {
  if (event.persisted && I.caseHash()) followHash();
});
document.getElementById("eimza-print").addEventListener("click", () => window.print());

update(); // an instant answer, if the build has one for this case and date: before any worker
if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
  fail("no Worker/WebAssembly");
} else if (typeof window.__eimzaOnStart === "function") {
  window.__eimzaOnStart(() => startWorker(true)); // on intent (at once if it came already)
} else {
  startWorker(true);
}
