// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// A child deployed by the factory, remembering who made it and a value.
contract Child {
    address public immutable maker;
    uint256 public value;

    constructor(uint256 v) payable {
        maker = msg.sender;
        value = v;
    }

    function double() external view returns (uint256) {
        return value * 2;
    }
}

/// A CREATE2 factory: deploying twice with the same salt and arguments collides.
contract Factory {
    event Deployed(address child, bytes32 salt);

    function deploy(bytes32 salt, uint256 v) external returns (address) {
        Child c = new Child{salt: salt}(v);
        emit Deployed(address(c), salt);
        return address(c);
    }

    /// Deploys, and returns whether the deployment failed instead of reverting.
    function tryDeploy(bytes32 salt, uint256 v) external returns (bool ok) {
        try this.deploy(salt, v) returns (address) {
            ok = true;
        } catch {
            ok = false;
        }
    }

    function predict(bytes32 salt, uint256 v) external view returns (address) {
        bytes32 h = keccak256(
            abi.encodePacked(
                bytes1(0xff), address(this), salt,
                keccak256(abi.encodePacked(type(Child).creationCode, abi.encode(v)))
            )
        );
        return address(uint160(uint256(h)));
    }
}
