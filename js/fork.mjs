// Forking a live chain: an Evm that is the lazy copy of a JSON-RPC node's state at a block,
// fetched as execution reaches it. The wasm module says what it needs and reads the node's
// answers (Evm.forked, stateRequest, supplyState); this file only moves JSON-RPC text over
// HTTP, with retries and a request budget, and drives the module's stops.

/** Methods of Evm that may stop for state, run again once it is fetched. */
const DRIVEN = [
  'call', 'sendTransaction', 'estimateGas', 'runCode', 'getAccount', 'getStorageAt',
  'setAccount', 'setBalance', 'setNonce', 'setCode', 'setStorageAt',
  'begin', 'stepInto', 'stepOver', 'stepOut', 'continue', 'stepBack',
];

const OPTION_KEYS = ['url', 'blockNumber', 'fork', 'fetch', 'headers', 'maxRequests', 'retries', 'retryDelayMs', 'timeoutMs'];
/** JSON-RPC errors that another try cannot mend: no such method, a malformed call. */
const PERMANENT = new Set([-32600, -32601, -32602]);

/** A JSON-RPC error from the node, or a transport failure, named. */
export class ForkError extends Error {
  constructor(message, cause) { super(message, cause === undefined ? undefined : { cause }); this.name = 'ForkError'; }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantity = (v) => (v === null || v === undefined ? undefined : BigInt(v));

/** A JSON-RPC client over HTTP POST with retries (429, 5xx, network errors, error items in an
 * HTTP-200 batch) and a budget of requests. */
class Rpc {
  constructor(o) {
    this.url = o.url; this.fetch = o.fetch; this.headers = o.headers;
    this.maxRequests = o.maxRequests; this.retries = o.retries; this.delay = o.retryDelayMs;
    this.timeoutMs = o.timeoutMs;
    this.stats = { requests: 0, calls: 0, cached: 0, retries: 0, ms: 0 };
    /** Answers of calls pinned to a block, by method and parameters: what the chain held at
     * that block never changes, so every fork of this node shares them. */
    this.cache = new Map();
  }

  /** Answers a batch of pinned calls (the module's state request), from the cache where it
   * can and in one HTTP request for the rest; returns the answer's JSON text. */
  async batch(body) {
    const calls = JSON.parse(body);
    const key = (c) => c.method + JSON.stringify(c.params);
    const answers = [], missing = [];
    for (const c of calls) {
      const hit = this.cache.get(key(c));
      if (hit === undefined) missing.push(c); else { answers.push({ jsonrpc: '2.0', id: c.id, result: hit }); this.stats.cached++; }
    }
    if (missing.length === 0) return JSON.stringify(answers);
    const text = await this.post(JSON.stringify(missing), missing.length);
    let got;
    try { got = JSON.parse(text); } catch { return text; } // the module names what is wrong
    if (!Array.isArray(got)) return text;
    const byId = new Map(missing.map((c) => [c.id, c]));
    for (const a of got) {
      const c = byId.get(a?.id);
      if (c && a.error === undefined && a.result !== undefined) this.cache.set(key(c), a.result);
    }
    return JSON.stringify([...answers, ...got]);
  }

  /** POSTs a JSON text; returns the answer's text. */
  async post(body, calls) {
    let last;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (this.stats.requests >= this.maxRequests) {
        throw new ForkError(`the request budget of ${this.maxRequests} is spent (options.maxRequests)`);
      }
      if (attempt > 0) { this.stats.retries++; await sleep(this.delay * 2 ** (attempt - 1)); }
      this.stats.requests++; this.stats.calls += calls;
      const t0 = performance.now();
      let res, text;
      try {
        // Called as a plain function: a page's fetch throws when called on another object.
        const fetchFn = this.fetch;
        res = await fetchFn(this.url, {
          method: 'POST', headers: { 'content-type': 'application/json', ...this.headers }, body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = res.ok ? await res.text() : '';
      } catch (e) {
        // fetch rejects with a TypeError for a refused connection and for a CORS refusal alike.
        const why = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms (options.timeoutMs)`
          : `no answer (${e.message}; a node that is down, or in a page one that refuses this origin, CORS)`;
        last = new ForkError(`${this.url}: ${why}`, e);
        continue;
      } finally { this.stats.ms += performance.now() - t0; }
      if (res.status === 429 || res.status >= 500) {
        last = new ForkError(`${this.url}: HTTP ${res.status}`);
        const after = Number(res.headers.get('retry-after'));
        if (after > 0) await sleep(Math.min(after * 1000, 10_000));
        continue;
      }
      if (!res.ok) throw new ForkError(`${this.url}: HTTP ${res.status} ${res.statusText}`);
      const error = firstError(text);
      // An error item may be passing (a rate limit, a node behind a balancer that lags): try
      // again; after the last try, or for an error no try mends, the caller names it.
      if (error && !PERMANENT.has(error.code) && attempt < this.retries) continue;
      return text;
    }
    throw last;
  }

  /** One call; its result. */
  async request(method, params) {
    const text = await this.post(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }), 1);
    let v;
    try { v = JSON.parse(text); } catch { throw new ForkError(`${method}: the answer is not JSON: ${text.slice(0, 120)}`); }
    if (v.error) {
      const hint = v.error.code === -32601 ? ` (the node does not offer ${method})` : '';
      throw new ForkError(`${method}: the node answered ${v.error.code} ${JSON.stringify(v.error.message)}${hint}`);
    }
    return v.result;
  }
}

/** The first error an answer (one object or a batch) carries, if any. */
function firstError(text) {
  let v;
  try { v = JSON.parse(text); } catch { return null; }
  for (const a of Array.isArray(v) ? v : [v]) if (a && a.error) return a.error;
  return null;
}

/** A mined transaction (eth_getTransactionByHash) as a TransactionRequest. */
export function requestOf(tx) {
  const type = Number(tx.type ?? 0);
  const r = { from: tx.from, to: tx.to ?? null, data: tx.input, value: BigInt(tx.value), gas: BigInt(tx.gas), nonce: BigInt(tx.nonce), type };
  if (type >= 2) { r.maxFeePerGas = BigInt(tx.maxFeePerGas); r.maxPriorityFeePerGas = BigInt(tx.maxPriorityFeePerGas); }
  else r.gasPrice = BigInt(tx.gasPrice);
  if (type >= 1 && tx.accessList) r.accessList = tx.accessList.map((a) => ({ address: a.address, storageKeys: a.storageKeys }));
  if (type === 3) { r.blobVersionedHashes = tx.blobVersionedHashes; r.maxFeePerBlobGas = BigInt(tx.maxFeePerBlobGas); }
  if (type === 4) {
    r.authorizationList = tx.authorizationList.map((a) => ({
      address: a.address, chainId: BigInt(a.chainId), nonce: BigInt(a.nonce), r: BigInt(a.r), s: BigInt(a.s), yParity: Number(a.yParity),
    }));
  }
  return r;
}

/** A forked Evm and the node it fetches from. Every method of Evm that reads state is here
 * too, async: it runs, and whenever it stops for state fetches that (one batched request) and
 * goes on. */
export class ForkedEvm {
  constructor(Evm, evm, rpc, info) {
    /** The forked Evm itself (its synchronous API throws when state is missing). */
    this.evm = evm;
    this.rpc = rpc;
    this.Evm = Evm;
    /** The chain id, the block whose state is fetched, and its fork. */
    Object.assign(this, info);
    for (const m of DRIVEN) this[m] = (...args) => this.run((e) => e[m](...args));
  }

  /** HTTP requests, JSON-RPC calls, calls answered from the cache, and retries made so far,
   * and the milliseconds spent waiting on the node (shared by the forks of one `fork()`). */
  get stats() { return { ...this.rpc.stats }; }

  /** Runs `fn(evm)`; whenever it stops for state, fetches that and runs it again. */
  async run(fn) {
    for (;;) {
      let out;
      try {
        out = fn(this.evm);
      } catch (e) {
        if (!this.evm.needsState) throw e;
        await this.fetchState();
        continue;
      }
      if (out && out.reason === 'state') { await this.fetchState(); continue; }
      return out;
    }
  }

  /** Fetches what the last stop needs, in one batch. */
  async fetchState() {
    this.evm.supplyState(await this.rpc.batch(this.evm.stateRequest()));
  }

  /** Replays mined transaction `hash` on a new fork of the same node at the state before its
   * block, in that block's environment, from the state the transaction started from: with
   * `mode: 'prefix'` (the default) the block's earlier transactions run first; with
   * `mode: 'prestate'` the node's prestateTracer gives it (falling back to prefix when the
   * node has no such tracer). Other options: `fork?` (the rules, when the block's own cannot
   * be told from its header), `debug?`, and what `sendTransaction` takes (`trace?`,
   * `callTree?`, `callTracer?`, `profile?`). Returns `{ forked, transaction, mode, result }`:
   * the new fork (after the transaction), the node's transaction, the mode used, and the
   * result; with `debug: true` no result: the transaction is begun, paused, in `forked`. */
  async replayTransaction(hash, opts) {
    const rpc = this.rpc;
    const { mode = 'prefix', debug = false, fork, ...runOpts } = opts ?? {};
    if (mode !== 'prefix' && mode !== 'prestate') throw new ForkError(`options.mode: expected "prefix" or "prestate", got ${JSON.stringify(mode)}`);
    const tx = await rpc.request('eth_getTransactionByHash', [hash]);
    if (!tx) throw new ForkError(`transaction ${hash} not found`);
    if (tx.blockNumber === null || tx.blockNumber === undefined) throw new ForkError(`transaction ${hash} is not mined yet`);
    const block = await rpc.request('eth_getBlockByNumber', [tx.blockNumber, true]);
    const chainId = BigInt(await rpc.request('eth_chainId', []));
    const f = forkedAt(this.Evm, rpc, block, chainId, BigInt(block.number) - 1n, fork);
    let used = 'prefix';
    if (mode === 'prestate') {
      // The state the transaction starts from, from the node's tracer; a node without the
      // debug API (or this tracer) falls back to replaying the block's earlier transactions.
      const prestate = await rpc.request('debug_traceTransaction', [hash, { tracer: 'prestateTracer' }]).catch((e) => e);
      if (!(prestate instanceof Error)) { f.evm.supplyPrestate(prestate); used = 'prestate'; }
    }
    if (used === 'prefix') {
      const index = Number(tx.transactionIndex);
      for (const earlier of block.transactions.slice(0, index)) await f.sendTransaction(requestOf(earlier));
    }
    if (debug) { await f.begin(requestOf(tx), runOpts); return { forked: f, transaction: tx, mode: used }; }
    const result = await f.sendTransaction(requestOf(tx), runOpts);
    return { forked: f, transaction: tx, mode: used, result };
  }
}

/** `await fork({ url, blockNumber?, fork?, fetch?, headers?, maxRequests?, retries?,
 * retryDelayMs?, timeoutMs? })`: an Evm that is the lazy copy of the node's state at `blockNumber`
 * (default: its latest block), in that block's environment. */
export async function createFork(Evm, options) {
  const o = checked(options);
  const rpc = new Rpc(o);
  const chainId = BigInt(await rpc.request('eth_chainId', []));
  const tag = o.blockNumber === undefined ? 'latest' : '0x' + BigInt(o.blockNumber).toString(16);
  const header = await rpc.request('eth_getBlockByNumber', [tag, false]);
  if (!header) throw new ForkError(`block ${tag} not found`);
  return forkedAt(Evm, rpc, header, chainId, BigInt(header.number), o.fork);
}

function forkedAt(Evm, rpc, header, chainId, stateBlock, fork) {
  const evm = Evm.forked({ header, chainId, stateBlock, ...(fork === undefined ? {} : { fork }) });
  return new ForkedEvm(Evm, evm, rpc, { chainId, blockNumber: stateBlock, fork: evm.fork });
}

function checked(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('options: expected { url, blockNumber? }');
  for (const k of Object.keys(options)) if (!OPTION_KEYS.includes(k)) throw new TypeError(`options.${k}: unknown field (known: ${OPTION_KEYS.join(', ')})`);
  if (typeof options.url !== 'string') throw new TypeError('options.url: expected the JSON-RPC endpoint as a string');
  let parsed;
  try { parsed = new URL(options.url); } catch { throw new TypeError(`options.url: ${JSON.stringify(options.url)} is not a URL`); }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`options.url: expected http: or https:, got ${parsed.protocol}`);
  for (const k of ['maxRequests', 'retries', 'retryDelayMs', 'timeoutMs']) {
    const v = options[k];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) throw new TypeError(`options.${k}: expected a non-negative integer, got ${String(v)}`);
  }
  if (options.headers !== undefined && (options.headers === null || typeof options.headers !== 'object')) throw new TypeError('options.headers: expected an object of header names to values');
  if (options.fork !== undefined && typeof options.fork !== 'string') throw new TypeError("options.fork: expected 'cancun', 'prague' or 'osaka'");
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new TypeError('options.fetch: expected a function (there is no global fetch here)');
  return {
    url: options.url, blockNumber: quantity(options.blockNumber), fork: options.fork, fetch: fetchFn,
    headers: options.headers ?? {}, maxRequests: options.maxRequests ?? 10_000,
    retries: options.retries ?? 4, retryDelayMs: options.retryDelayMs ?? 200,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
}
