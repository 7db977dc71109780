// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title IReputation
/// @notice Two-sided on-chain records, written only by the escrow's own transitions. Floors read them.
/// @dev Shared definitions: a ruling above 5,000 bps to the buyer, or an unanswered dispute, is a loss for the
/// supplier; below 5,000 a loss for the buyer; exactly 5,000 neither. Loss share = lost × 10,000 / faced (0 when
/// none faced). Average rating = rating sum × 100 / rating count.
interface IReputation {
    /// @notice A supplier's counters.
    function supplierRecord(address supplier) external view returns (Tender.SupplierRecord memory);

    /// @notice A buyer's counters.
    function buyerRecord(address buyer) external view returns (Tender.BuyerRecord memory);

    /// @notice Total price of the jobs `supplier` completed in `token` (address(0) = ETH).
    function completedVolume(address supplier, address token) external view returns (uint256);
}
