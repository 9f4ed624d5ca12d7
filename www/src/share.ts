// Share links: the session spec as JSON, deflated and base64url-encoded into the URL's hash.
// A link is only ever data: it is checked field by field against the spec's shape and then
// rendered as text, so a crafted link cannot run script in the page.
import type { SessionSpec, AccountSpec } from './protocol';
import { baseSpec } from './examples';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export async function encode(spec: SessionSpec): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(spec));
  return b64url(await pipe(json, new CompressionStream('deflate-raw')));
}

const str = (v: unknown, what: string): string => {
  if (typeof v !== 'string') throw new Error(`share link: ${what} is not text`);
  if (v.length > 2_000_000) throw new Error(`share link: ${what} is too long`);
  return v;
};
const bool = (v: unknown, what: string): boolean => {
  if (typeof v !== 'boolean') throw new Error(`share link: ${what} is not true or false`);
  return v;
};
const list = <T>(v: unknown, what: string, item: (x: unknown, i: number) => T): T[] => {
  if (!Array.isArray(v) || v.length > 1000) throw new Error(`share link: ${what} is not a list`);
  return v.map(item);
};

/** The spec a link holds, checked against the spec's shape (unknown fields are dropped). */
export async function decode(hash: string): Promise<SessionSpec> {
  const bytes = await pipe(unb64url(hash), new DecompressionStream('deflate-raw'));
  const o = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof o !== 'object' || o === null) throw new Error('share link: not a session');
  const base = baseSpec();
  const b = o.block ?? {};
  return {
    code: str(o.code, 'code'), deploy: bool(o.deploy, 'deploy'), data: str(o.data, 'data'),
    abi: str(o.abi, 'abi'), fn: str(o.fn, 'fn'), args: list(o.args, 'args', (x, i) => str(x, `args[${i}]`)),
    value: str(o.value, 'value'), gas: str(o.gas, 'gas'), from: str(o.from, 'from'),
    fork: str(o.fork ?? base.fork, 'fork'),
    block: {
      number: str(b.number ?? base.block.number, 'block.number'), time: str(b.time ?? base.block.time, 'block.time'),
      baseFeePerGas: str(b.baseFeePerGas ?? base.block.baseFeePerGas, 'block.baseFeePerGas'),
      gasLimit: str(b.gasLimit ?? base.block.gasLimit, 'block.gasLimit'),
    },
    accounts: list(o.accounts, 'accounts', (a: any, i): AccountSpec => ({
      address: str(a?.address, `accounts[${i}].address`), balance: str(a?.balance, `accounts[${i}].balance`),
      code: str(a?.code, `accounts[${i}].code`), storage: str(a?.storage, `accounts[${i}].storage`),
    })),
    breakpoints: list(o.breakpoints, 'breakpoints', (x, i) => {
      if (!Number.isInteger(x)) throw new Error(`share link: breakpoints[${i}] is not a line`);
      return x as number;
    }),
    pcBreaks: list(o.pcBreaks ?? [], 'pcBreaks', (x: any, i) => {
      if (!Number.isInteger(x?.pc) || x.pc < 0) throw new Error(`share link: pcBreaks[${i}].pc is not a pc`);
      return { address: str(x.address, `pcBreaks[${i}].address`), pc: x.pc as number };
    }),
    opcodeBreaks: list(o.opcodeBreaks, 'opcodeBreaks', (x, i) => str(x, `opcodeBreaks[${i}]`)),
    onEnter: bool(o.onEnter, 'onEnter'), onExit: bool(o.onExit, 'onExit'),
  };
}
