// The examples menu: each a working setup of one or more accounts.
import type { SessionSpec, AccountSpec } from './protocol';

const B = '0x00000000000000000000000000000000000000bb';
const C = '0x00000000000000000000000000000000000000cc';
const LIB = '0x1111111111111111111111111111111111111111';
const word = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const account = (address: string, code: string, balance = '0', storage = ''): AccountSpec => ({ address, balance, code, storage });

/** The spec every example starts from. */
export function baseSpec(): SessionSpec {
  return {
    code: '', deploy: false, data: '0x', abi: '', fn: '', args: [], value: '0', gas: '1000000', from: '', fork: 'osaka',
    block: { number: '1', time: '1', baseFeePerGas: '0', gasLimit: '30000000' },
    accounts: [], breakpoints: [], pcBreaks: [], opcodeBreaks: [], onEnter: false, onExit: false,
  };
}

export interface Example {
  name: string;
  spec: () => SessionSpec | Promise<SessionSpec>;
}

const REVERT_NO = `PUSH4 0x08c379a0 PUSH1 224 SHL PUSH0 MSTORE   ; Error(string)
  PUSH1 32 PUSH1 4 MSTORE                     ; offset
  PUSH1 2 PUSH1 36 MSTORE                     ; length
  PUSH2 0x6e6f PUSH1 240 SHL PUSH1 68 MSTORE  ; "no"
  PUSH1 100 PUSH0 REVERT`;

/** solc 0.8.37 output (optimizer on, cancun) for tests/js/contracts/Token.sol, constructed with
 * a supply of 1,000,000 tokens; the playground test checks it against solc. */
export const TOKEN_INITCODE = '0x60c0604052600a6080908152692a32b9ba102a37b5b2b760b11b60a0525f90610028908261016b565b50604080518082019091526002815261151560f21b602082015260019061004f908261016b565b5034801561005b575f5ffd5b5060405161084238038061084283398101604081905261007a91610229565b6002819055335f818152600360209081526040808320859055518481527fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef910160405180910390a350610240565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806100f057607f821691505b60208210810361010e57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610166578282111561016657805f5260205f20601f840160051c602085101561013f57505f5b90810190601f840160051c035f5b81811015610162575f8382015560010161014d565b5050505b505050565b81516001600160401b03811115610184576101846100c8565b6101988161019284546100dc565b84610114565b6020601f8211600181146101ca575f83156101b35750848201515b5f19600385901b1c1916600184901b178455610222565b5f84815260208120601f198516915b828110156101f957878501518255602094850194600190920191016101d9565b508482101561021657868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b5f60208284031215610239575f5ffd5b5051919050565b6105f58061024d5f395ff3fe608060405234801561000f575f5ffd5b5060043610610090575f3560e01c8063313ce56711610063578063313ce567146100ff57806370a082311461011957806395d89b4114610138578063a9059cbb14610140578063dd62ed3e14610153575f5ffd5b806306fdde0314610094578063095ea7b3146100b257806318160ddd146100d557806323b872dd146100ec575b5f5ffd5b61009c61017d565b6040516100a9919061044a565b60405180910390f35b6100c56100c036600461049a565b610208565b60405190151581526020016100a9565b6100de60025481565b6040519081526020016100a9565b6100c56100fa3660046104c2565b610274565b610107601281565b60405160ff90911681526020016100a9565b6100de6101273660046104fc565b60036020525f908152604090205481565b61009c610323565b6100c561014e36600461049a565b610330565b6100de61016136600461051c565b600460209081525f928352604080842090915290825290205481565b5f80546101899061054d565b80601f01602080910402602001604051908101604052809291908181526020018280546101b59061054d565b80156102005780601f106101d757610100808354040283529160200191610200565b820191905f5260205f20905b8154815290600101906020018083116101e357829003601f168201915b505050505081565b335f8181526004602090815260408083206001600160a01b038716808552925280832085905551919290917f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925906102629086815260200190565b60405180910390a35060015b92915050565b6001600160a01b0383165f908152600460209081526040808320338452909152812054828110156102e05760405162461bcd60e51b8152602060048201526011602482015270616c6c6f77616e636520746f6f206c6f7760781b60448201526064015b60405180910390fd5b6102ea8382610599565b6001600160a01b0386165f908152600460209081526040808320338452909152902055610318858585610345565b506001949350505050565b600180546101899061054d565b5f61033c338484610345565b50600192915050565b6001600160a01b0383165f9081526003602052604090205481111561039e5760405162461bcd60e51b815260206004820152600f60248201526e62616c616e636520746f6f206c6f7760881b60448201526064016102d7565b6001600160a01b0383165f90815260036020526040812080548392906103c5908490610599565b90915550506001600160a01b0382165f90815260036020526040812080548392906103f19084906105ac565b92505081905550816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef8360405161043d91815260200190565b60405180910390a3505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80356001600160a01b0381168114610495575f5ffd5b919050565b5f5f604083850312156104ab575f5ffd5b6104b48361047f565b946020939093013593505050565b5f5f5f606084860312156104d4575f5ffd5b6104dd8461047f565b92506104eb6020850161047f565b929592945050506040919091013590565b5f6020828403121561050c575f5ffd5b6105158261047f565b9392505050565b5f5f6040838503121561052d575f5ffd5b6105368361047f565b91506105446020840161047f565b90509250929050565b600181811c9082168061056157607f821691505b60208210810361057f57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b8181038181111561026e5761026e610585565b8082018082111561026e5761026e61058556fea26469706673582212202877a264479d8ee67c043decbfca2a55cd1526a7a2421c372d27e1020d303e3964736f6c6343000825003300000000000000000000000000000000000000000000d3c21bcecceda1000000';
export const TOKEN_ABI = '[{"anonymous":false,"inputs":[{"indexed":true,"internalType":"address","name":"owner","type":"address"},{"indexed":true,"internalType":"address","name":"spender","type":"address"},{"indexed":false,"internalType":"uint256","name":"value","type":"uint256"}],"name":"Approval","type":"event"},{"anonymous":false,"inputs":[{"indexed":true,"internalType":"address","name":"from","type":"address"},{"indexed":true,"internalType":"address","name":"to","type":"address"},{"indexed":false,"internalType":"uint256","name":"value","type":"uint256"}],"name":"Transfer","type":"event"},{"inputs":[{"internalType":"address","name":"","type":"address"},{"internalType":"address","name":"","type":"address"}],"name":"allowance","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"address","name":"spender","type":"address"},{"internalType":"uint256","name":"value","type":"uint256"}],"name":"approve","outputs":[{"internalType":"bool","name":"","type":"bool"}],"stateMutability":"nonpayable","type":"function"},{"inputs":[{"internalType":"address","name":"","type":"address"}],"name":"balanceOf","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"decimals","outputs":[{"internalType":"uint8","name":"","type":"uint8"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"name","outputs":[{"internalType":"string","name":"","type":"string"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"symbol","outputs":[{"internalType":"string","name":"","type":"string"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"totalSupply","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"address","name":"to","type":"address"},{"internalType":"uint256","name":"value","type":"uint256"}],"name":"transfer","outputs":[{"internalType":"bool","name":"","type":"bool"}],"stateMutability":"nonpayable","type":"function"},{"inputs":[{"internalType":"address","name":"from","type":"address"},{"internalType":"address","name":"to","type":"address"},{"internalType":"uint256","name":"value","type":"uint256"}],"name":"transferFrom","outputs":[{"internalType":"bool","name":"","type":"bool"}],"stateMutability":"nonpayable","type":"function"}]';

export const examples: Example[] = [
  {
    name: 'Recursive call chain',
    spec: () => ({ ...baseSpec(), data: word(5), code: `; Calls itself with n - 1 until n is 0, storing n in slot n.
PUSH0 CALLDATALOAD          ; n
DUP1 DUP1 SSTORE            ; storage[n] = n
DUP1 ISZERO PUSH @done JUMPI
PUSH1 1 SWAP1 SUB PUSH0 MSTORE        ; calldata for the next level: n - 1
PUSH0 PUSH0 PUSH1 32 PUSH0 PUSH0 ADDRESS GAS CALL POP
done: JUMPDEST
STOP
` }),
  },
  {
    name: 'Proxy → library (DELEGATECALL)',
    spec: () => ({ ...baseSpec(), code: `; A proxy: the library's code runs on this contract's storage,
; and sees this call's sender.
CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY
PUSH0 PUSH0 CALLDATASIZE PUSH0 PUSH20 ${LIB} GAS DELEGATECALL
RETURNDATASIZE PUSH0 PUSH0 RETURNDATACOPY
PUSH @ok JUMPI
RETURNDATASIZE PUSH0 REVERT
ok: JUMPDEST
RETURNDATASIZE PUSH0 RETURN
`, accounts: [account(LIB, `; The library: a counter in slot 0; returns it and the caller.
PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE
PUSH0 MSTORE CALLER PUSH1 32 MSTORE
PUSH1 64 PUSH0 RETURN`)] }),
  },
  {
    name: 'CREATE2 factory',
    spec: () => ({ ...baseSpec(), code: `; Deploys a child with CREATE2, asks it for its number, then deploys
; again with the same salt and initcode: that one collides (see the call tree).
PUSH18 0x6008600a5f3960085ff3602a5f5260205ff3 PUSH0 MSTORE   ; initcode of a child returning 42
PUSH1 7 PUSH1 18 PUSH1 14 PUSH0 CREATE2          ; salt 7: the child's address
PUSH1 32 PUSH1 64 PUSH0 PUSH0 DUP5 GAS STATICCALL POP
PUSH1 7 PUSH1 18 PUSH1 14 PUSH0 CREATE2          ; same salt: 0 (collision)
PUSH1 32 PUSH1 64 RETURN
` }),
  },
  {
    name: 'Revert caught mid-chain',
    spec: () => ({ ...baseSpec(), code: `; A calls B, B calls C, C reverts with Error("no"); B catches it.
PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${B} GAS CALL
PUSH0 SSTORE    ; slot 0 = 1: B succeeded
STOP
`, accounts: [
      account(B, `; B: calls C and records in slot 0 whether C failed.
PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${C} GAS CALL
ISZERO PUSH0 SSTORE
STOP`),
      account(C, `; C: reverts with Error("no").
  ${REVERT_NO}`),
    ] }),
  },
  {
    name: 'Transient storage lock',
    spec: () => ({ ...baseSpec(), code: `; A reentrancy guard in transient storage (EIP-1153): the contract
; calls itself while locked, and that inner call is refused.
PUSH0 TLOAD PUSH @locked JUMPI
PUSH1 1 PUSH0 TSTORE                          ; lock
PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 ADDRESS GAS CALL  ; re-enter
PUSH0 SSTORE                                  ; slot 0 = 0: refused
PUSH0 PUSH0 TSTORE                            ; unlock
STOP
locked: JUMPDEST
PUSH0 PUSH0 REVERT
` }),
  },
  {
    name: 'ERC-20 transfer (solc)',
    spec: () => ({ ...baseSpec(), deploy: true, code: TOKEN_INITCODE, abi: TOKEN_ABI, fn: 'transfer',
      args: [B, '250000000000000000000'] }),
  },
  {
    name: 'snailtracer (heavy: 166M gas)',
    spec: async () => {
      const hex = (await import('../../../shared/fixtures/bench/revm/snailtracer.hex?raw')).default.trim();
      // Prague: Osaka caps a transaction at 2^24 gas (EIP-7825), and this one needs 166M.
      return { ...baseSpec(), code: '0x' + hex.replace(/^0x/, ''), data: '0x30627b7c', gas: '1000000000', fork: 'prague',
        block: { ...baseSpec().block, gasLimit: '2000000000' } };
    },
  },
];
