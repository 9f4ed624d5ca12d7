// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// Calls itself n levels deep, summing on the way back; a frame at `failAt` reverts, and its
/// caller catches that and goes on (a partially reverted tree).
contract Recursive {
    uint256 public calls;

    function sum(uint256 n, uint256 failAt) external returns (uint256) {
        calls += 1;
        if (n == failAt && n != 0) revert("failing here");
        if (n == 0) return 0;
        try this.sum(n - 1, failAt) returns (uint256 s) {
            return s + n;
        } catch Error(string memory) {
            return n * 1000;
        }
    }

    function fib(uint256 n) external view returns (uint256) {
        if (n < 2) return n;
        return this.fib(n - 1) + this.fib(n - 2);
    }
}
