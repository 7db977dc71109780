// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Tender} from "../types/Tender.sol";
import {EscrowPosting} from "./EscrowPosting.sol";

/// @title EscrowRulings
/// @notice How a dispute's outcome divides a price and counts in the records, shared by the custody contract
/// ({TenderArbitration}: a plain job's dispute) and the milestones module ({TenderMilestones}: a milestone's
/// dispute), so both split by one source.
abstract contract EscrowRulings is EscrowPosting {
    /// @dev How a dispute ended.
    enum Outcome {
        Ruled,
        Unanswered,
        Silent
    }

    /// @dev Who gets what when a dispute ends.
    struct Payout {
        uint256 toBuyer;
        uint256 toSupplier;
        uint256 toArbitrator;
        uint256 protocolFee;
        uint256 supplierShare;
        uint256 supplierNet;
    }

    /// @dev The split of `price` (the job's, or a milestone's share) and of the two parties' fees (`feeBps` of
    /// `price` each), before any bond.
    function _split(uint256 price, uint16 feeBps, uint16 protocolFeeBps, uint16 buyerShareBps, Outcome outcome)
        internal
        pure
        returns (Payout memory pay)
    {
        uint256 fee = price * feeBps / _BPS;
        pay.toBuyer = price * buyerShareBps / _BPS;
        pay.supplierShare = price - pay.toBuyer;
        pay.protocolFee = pay.supplierShare * protocolFeeBps / _BPS;
        pay.supplierNet = pay.supplierShare - pay.protocolFee;
        pay.toSupplier = pay.supplierNet;

        if (outcome == Outcome.Unanswered) {
            pay.toBuyer += fee; // the supplier paid none
        } else if (outcome == Outcome.Silent) {
            pay.toBuyer += fee;
            pay.toSupplier += fee;
        } else if (buyerShareBps > _BPS / 2) {
            pay.toBuyer += fee;
            pay.toArbitrator = fee;
        } else if (buyerShareBps < _BPS / 2) {
            pay.toSupplier += fee;
            pay.toArbitrator = fee;
        } else {
            pay.toBuyer += fee / 2;
            pay.toSupplier += fee / 2;
            pay.toArbitrator = 2 * fee - 2 * (fee / 2);
        }
    }

    /// @dev Counts a dispute's outcome: the arbitrator's ruling or time-out, and who lost (a silent arbitrator's
    /// default counts against nobody).
    function _countOutcome(address arbitrator, address buyer, address supplier, uint16 buyerShareBps, Outcome outcome)
        internal
    {
        if (outcome == Outcome.Silent) {
            ++_arbitrators[arbitrator].timedOut;
            return;
        }
        if (outcome == Outcome.Ruled) {
            Tender.Arbitrator storage record = _arbitrators[arbitrator];
            if (buyerShareBps > _BPS / 2) ++record.rulingsForBuyer;
            else if (buyerShareBps < _BPS / 2) ++record.rulingsForSupplier;
            else ++record.rulingsEven;
        }
        if (buyerShareBps > _BPS / 2) ++_supplierRecords[supplier].disputesLost;
        else if (buyerShareBps < _BPS / 2) ++_buyerRecords[buyer].disputesLost;
    }
}
