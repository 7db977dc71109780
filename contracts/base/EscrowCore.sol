// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {EscrowRulings} from "./EscrowRulings.sol";
import {EscrowBidding} from "./EscrowBidding.sol";

/// @title EscrowCore
/// @notice What the custody contract's parts share: its immutable bounds; jobs are admitted by {EscrowPosting} and
/// money moves through {EscrowFunds}. The job actions live in {TenderEscrow}, the bid market in {TenderMarket}, disputes in
/// {TenderArbitration}.
abstract contract EscrowCore is EscrowRulings, EscrowBidding, ITenderEscrow, ReentrancyGuardTransient {
    /// @notice Gas forwarded with a pushed ETH payment (the receiver also gets the EVM's 2,300 stipend for calls
    /// with value); a receiver needing more is credited instead.
    uint256 public constant ETH_PUSH_GAS = _ETH_PUSH_GAS;
    /// @notice Gas forwarded with a pushed ERC-20 transfer; a token (or a receiver hook it calls) needing more is
    /// credited instead.
    uint256 public constant TOKEN_PUSH_GAS = _TOKEN_PUSH_GAS;

    uint32 internal immutable _minWindow;
    uint32 internal immutable _maxWindow;

    constructor(uint32 minWindow, uint32 maxWindow) {
        if (minWindow == 0 || minWindow > maxWindow) revert InvalidWindowBounds(minWindow, maxWindow);
        _minWindow = minWindow;
        _maxWindow = maxWindow;
    }

    function _windowBounds() internal view override returns (uint256, uint256) {
        return (_minWindow, _maxWindow);
    }
}
