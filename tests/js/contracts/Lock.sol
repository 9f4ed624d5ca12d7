// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface ICallback {
    function onWithdraw() external;
}

/// A vault guarded by a transient-storage reentrancy lock (EIP-1153).
contract Vault {
    bool transient locked;
    mapping(address => uint256) public deposits;

    modifier nonReentrant() {
        require(!locked, "locked");
        locked = true;
        _;
        locked = false;
    }

    function deposit() external payable {
        deposits[msg.sender] += msg.value;
    }

    function withdraw() external nonReentrant {
        uint256 amount = deposits[msg.sender];
        ICallback(msg.sender).onWithdraw();
        deposits[msg.sender] = 0;
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
    }
}

/// Deposits, then withdraws and tries to re-enter from the callback.
contract Attacker is ICallback {
    Vault public immutable vault;
    bool public reentered;
    string public reason;

    constructor(Vault v) {
        vault = v;
    }

    function attack() external payable {
        vault.deposit{value: msg.value}();
        vault.withdraw();
    }

    function onWithdraw() external {
        try vault.withdraw() {
            reentered = true;
        } catch Error(string memory r) {
            reason = r;
        }
    }

    receive() external payable {}
}
