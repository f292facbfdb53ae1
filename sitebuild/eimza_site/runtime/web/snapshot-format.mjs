// The calculator's snapshot file: Pyodide's memory snapshot stored as the difference from the
// memory a fresh instance of the same pyodide.asm.wasm starts with (zeros and the module's
// data segments). One source for the build (scripts/make_snapshot.mjs packs), the worker
// (the build inlines this file in place of the worker's import line) and
// scripts/parity.mjs (restores in Node exactly as the worker does).
//
// Layout (integers u32 little-endian):
//   0  "EIMZSNP2"
//   8  P  Pyodide's header length (its JSON state; stored whole)
//   12 M  memory length
//   16 B  block size (M is a multiple of it)
//   20 C  length of the checked start of the fresh memory (covers every data segment)
//   24 H  FNV-1a hash of the fresh memory's first C bytes (32-bit words)
//   28 0
//   32 bitmap, one bit per block (bit i of byte i >> 3): set = stored here
//      then the P header bytes, then the stored blocks in order.
// A block that is not stored equals the fresh memory: zero, or data-segment bytes below C.
// Restoring: the full buffer (P + M bytes) is allocated as soon as the head arrives, filled
// while the body streams in, and completed from the instance's memory right after
// instantiation (that memory first grown to M when it is smaller), before Pyodide copies it
// into place.

const MAGIC = "EIMZSNP2";

// An empty zip archive: the standard library a sealed snapshot is restored with (it needs
// none; Pyodide still installs one).
export const EMPTY_ZIP_BASE64 = "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==";
const HEAD = 32;

// The fixed question the restored engine must answer as it did at build time (the build
// records the SHA-256 of eimza.web.handle's reply; the page's manifest carries it): one
// payment to the directorate, with the IBAN, the amounts and a person's description.
export const PROBE_REQUEST = JSON.stringify({
  case: { situation: "first", role: "family-doctor", date: "2024-03-12" },
  person: { name: "Ayşe", surname: "Yılmaz", tckn: "17291716060" },
});

// Lowercase hex SHA-256 of bytes or of a string's UTF-8 (Web Crypto: browsers in a secure
// context, Node).
export async function sha256Hex(data) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function hashWords(bytes, length) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, length >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 16777619);
  return h >>> 0;
}

// raw: Pyodide's makeMemorySnapshot() output; base: the memory right after instantiation.
export function packSnapshot(raw, base, block = 1024) {
  const P = new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(4, true);
  const mem = raw.subarray(P);
  const M = mem.length;
  if (M % block !== 0) throw new Error("snapshot: memory is not a whole number of blocks");
  let last = base.length;
  while (last > 0 && base[last - 1] === 0) last--;
  const C = Math.min(M, Math.ceil(last / block) * block);
  if (C < last) throw new Error("snapshot: fresh memory larger than the snapshot");
  if (base.length < C) {
    const padded = new Uint8Array(C);
    padded.set(base);
    base = padded;
  }
  const blocks = M / block;
  const bitmap = new Uint8Array(Math.ceil(blocks / 8));
  const stored = [];
  const zero = new Uint8Array(block);
  for (let i = 0; i < blocks; i++) {
    const a = mem.subarray(i * block, (i + 1) * block);
    const start = i * block;
    const b = start < C ? base.subarray(start, start + block) : zero;
    let same = b.length === block;
    for (let j = 0; same && j < block; j++) same = a[j] === b[j];
    if (!same) {
      bitmap[i >> 3] |= 1 << (i & 7);
      stored.push(a);
    }
  }
  const out = new Uint8Array(HEAD + bitmap.length + P + stored.length * block);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, P, true);
  view.setUint32(12, M, true);
  view.setUint32(16, block, true);
  view.setUint32(20, C, true);
  view.setUint32(24, hashWords(base, C), true);
  out.set(bitmap, HEAD);
  let pos = HEAD + bitmap.length;
  out.set(raw.subarray(0, P), pos);
  pos += P;
  for (const a of stored) {
    out.set(a, pos);
    pos += block;
  }
  return out;
}

// Restores a packed snapshot from a stream of chunks (async iterable of Uint8Array).
// `sha256`: the file's expected SHA-256 (hex); when given, `complete` rejects unless the
// bytes received have exactly that digest (so no restore uses a changed file).
// Returns {buffer, complete, applyBase, completeOnInstantiation}:
//   buffer    resolves to the full-size buffer (for loadPyodide's _loadSnapshot) as soon
//             as the head has arrived; rejects on a malformed head;
//   complete  resolves when every stored byte is in place (and the digest matched);
//             rejects on a malformed or changed body;
//   applyBase(memoryBytes) fills the blocks that equal the fresh memory, after checking
//             that this memory is the one the snapshot was made against (throws if not).
export function restoreSnapshot(chunks, sha256 = null) {
  let resolveBuffer, rejectBuffer;
  const buffer = new Promise((res, rej) => {
    resolveBuffer = res;
    rejectBuffer = rej;
  });
  let head = null;
  let full = null;
  let bitmap = null;

  const complete = (async () => {
    let pending = new Uint8Array(0);
    let runs = null; // [dest, length] pairs the body fills in order
    let run = 0;
    let offset = 0; // bytes written into runs[run]
    const received = []; // the file as it came, for the digest
    try {
      for await (const chunk of chunks) {
        if (sha256) received.push(chunk);
        let data = chunk;
        if (!runs) {
          const joined = new Uint8Array(pending.length + data.length);
          joined.set(pending);
          joined.set(data, pending.length);
          pending = joined;
          if (!head && pending.length >= HEAD) head = parseHead(pending);
          if (!head || pending.length < HEAD + head.bitmapBytes) continue;
          bitmap = pending.slice(HEAD, HEAD + head.bitmapBytes);
          full = new Uint8Array(head.P + head.M);
          runs = storedRuns(head, bitmap);
          resolveBuffer(full);
          data = pending.subarray(HEAD + head.bitmapBytes);
          pending = null;
        }
        let pos = 0;
        while (pos < data.length) {
          if (run >= runs.length) throw new Error("snapshot: bad length");
          const [dest, length] = runs[run];
          const n = Math.min(length - offset, data.length - pos);
          full.set(data.subarray(pos, pos + n), dest + offset);
          pos += n;
          offset += n;
          if (offset === length) {
            run += 1;
            offset = 0;
          }
        }
      }
      if (!runs || run !== runs.length) throw new Error("snapshot: truncated");
      if (sha256) {
        const file = new Uint8Array(received.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const c of received.splice(0)) {
          file.set(c, at);
          at += c.length;
        }
        if ((await sha256Hex(file)) !== sha256) throw new Error("snapshot: digest mismatch");
      }
    } catch (err) {
      rejectBuffer(err);
      throw err;
    }
  })();
  // Both are awaited later (by loadPyodide, by the instantiation hook): not unhandled now.
  buffer.catch(() => {});
  complete.catch(() => {});

  function applyBase(memory) {
    if (!full) throw new Error("snapshot: not loaded");
    const { P, B, C, H } = head;
    if (memory.length < C || hashWords(memory, C) !== H) {
      throw new Error("snapshot: made for another pyodide.asm.wasm");
    }
    for (let i = 0; i * B < C; i++) {
      if (!((bitmap[i >> 3] >> (i & 7)) & 1)) full.set(memory.subarray(i * B, (i + 1) * B), P + i * B);
    }
  }
  // The snapshot's memory may be larger than the instance's initial memory (the engine's
  // work at build time grew it); Pyodide copies the image into the memory as it is, so the
  // memory is grown to the image's size first, before Emscripten makes its views of it.
  function fitMemory(memory) {
    if (!full) throw new Error("snapshot: not loaded");
    const missing = head.M - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }
  // Completes the buffer in two parts, so that Pyodide's own start-up runs while the body
  // still streams in. Right after Pyodide's instantiation (onNextInstance; `compiled`: the
  // .wasm compiled ahead, see there) the blocks that equal the fresh memory are filled from
  // it: the body's blocks are other blocks. `fsInit` is for loadPyodide's option of that
  // name, which Emscripten waits for before it runs, i.e. before Pyodide copies the buffer
  // into place: it waits for the body and its digest (after a failure it never resolves).
  // Returns {failed, fsInit}; `failed` only ever rejects, with this restore's first error:
  // race it against loadPyodide, which would otherwise wait forever.
  function completeOnInstantiation(compiled = null) {
    let fail;
    const failed = new Promise((_, reject) => {
      fail = reject;
    });
    failed.catch(() => {});
    complete.catch(fail);
    compiled?.catch(fail);
    onNextInstance(async (instance) => {
      try {
        fitMemory(instance.exports.memory);
        applyBase(new Uint8Array(instance.exports.memory.buffer));
      } catch (err) {
        fail(err);
        throw err;
      }
    }, compiled);
    const fsInit = () =>
      complete.then(
        () => {},
        () => new Promise(() => {}),
      );
    return { failed, fsInit };
  }
  return { buffer, complete, applyBase, completeOnInstantiation };
}

function parseHead(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  const P = view.getUint32(8, true);
  const M = view.getUint32(12, true);
  const B = view.getUint32(16, true);
  const C = view.getUint32(20, true);
  const H = view.getUint32(24, true);
  if (magic !== MAGIC || !B || M % B || C > M || C % 4 || P % 16) throw new Error("snapshot: bad header");
  return { P, M, B, C, H, bitmapBytes: Math.ceil(M / B / 8) };
}

function storedRuns(head, bitmap) {
  const { P, M, B } = head;
  const runs = [[0, P]];
  for (let i = 0; i < M / B; i++) {
    if (!((bitmap[i >> 3] >> (i & 7)) & 1)) continue;
    const last = runs[runs.length - 1];
    const dest = P + i * B;
    if (last[0] + last[1] === dest) last[1] += B;
    else runs.push([dest, B]);
  }
  return runs;
}

// Calls `after(instance)` (awaited) right after the next WebAssembly instantiation of a
// module with its own memory (Pyodide's; its small helper modules have none), before the
// caller sees the instance; then puts the original functions back. With `compiled` (a
// promise of that WebAssembly.Module, compiled ahead), instantiateStreaming uses it instead
// of compiling its response again.
export function onNextInstance(after, compiled = null) {
  const wa = WebAssembly;
  const orig = { instantiate: wa.instantiate, instantiateStreaming: wa.instantiateStreaming };
  const wrap = (fn) =>
    async function (...args) {
      const result = await fn.apply(wa, args);
      const instance = result instanceof wa.Instance ? result : result.instance;
      if (instance.exports.memory instanceof wa.Memory) {
        wa.instantiate = orig.instantiate;
        wa.instantiateStreaming = orig.instantiateStreaming;
        await after(instance);
      }
      return result;
    };
  wa.instantiate = wrap(orig.instantiate);
  if (compiled) {
    wa.instantiateStreaming = wrap(async (_response, imports) => {
      const module = await compiled;
      return { module, instance: await orig.instantiate.call(wa, module, imports) };
    });
  } else if (orig.instantiateStreaming) {
    wa.instantiateStreaming = wrap(orig.instantiateStreaming);
  }
}

// Pyodide keeps its options, and so the snapshot buffer (the whole memory image, ≈ 31 MB),
// for as long as the interpreter lives; once restored, the image is in the wasm memory and
// the buffer is never read again: detach it so that its memory can be freed.
export async function releaseSnapshot(buffer) {
  const image = await buffer;
  try {
    structuredClone(image.buffer, { transfer: [image.buffer] });
  } catch {
    // no transfer support: the buffer just stays
  }
}
