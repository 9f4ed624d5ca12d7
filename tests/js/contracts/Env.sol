// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// A counter, and readers of the block environment (BLOCKHASH, COINBASE, BASEFEE) that keep
/// what they read, and an MCOPY: what a replay must reproduce from the block it ran in.
contract Env {
    uint256 public counter;
    bytes32 public lastHash;
    address public lastCoinbase;
    uint256 public lastBaseFee;

    function bump() external returns (uint256) {
        counter += 1;
        return counter;
    }

    function record() external {
        lastHash = blockhash(block.number - 1);
        lastCoinbase = block.coinbase;
        lastBaseFee = block.basefee;
    }

    function copy(bytes memory a) external pure returns (bytes memory b) {
        b = new bytes(a.length);
        assembly {
            mcopy(add(b, 32), add(a, 32), mload(a))
        }
    }
}
