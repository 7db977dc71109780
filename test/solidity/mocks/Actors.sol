// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A contract party (buyer or supplier) that refuses ETH and can be told to burn gas instead: a push to it
/// must fall back to a credit, and it can still act and withdraw elsewhere.
contract RejectingParty {
    bool public burnGas;

    function setBurnGas(bool burn) external {
        burnGas = burn;
    }

    /// @notice Forwards a call (e.g. to the escrow) as this contract.
    function exec(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (burnGas) {
            while (true) {}
        }
        revert("no ETH, thanks");
    }
}
