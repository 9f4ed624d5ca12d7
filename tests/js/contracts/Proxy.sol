// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// The implementation behind the proxy: a counter with an owner check.
contract CounterImpl {
    address public owner;
    uint256 public count;

    function init() external {
        require(owner == address(0), "already initialised");
        owner = msg.sender;
    }

    function add(uint256 n) external returns (uint256) {
        require(msg.sender == owner, "not the owner");
        count += n;
        return count;
    }
}

/// A minimal delegating proxy (EIP-1967 slot for the implementation).
contract Proxy {
    bytes32 private constant SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    constructor(address impl) {
        assembly {
            sstore(SLOT, impl)
        }
    }

    fallback() external payable {
        assembly {
            let impl := sload(SLOT)
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}
