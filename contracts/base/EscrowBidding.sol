// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISupplierRegistry} from "../interfaces/ISupplierRegistry.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../interfaces/ITenderMarket.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowPosting} from "./EscrowPosting.sol";
import {EscrowSupplier} from "./EscrowSupplier.sol";

/// @title EscrowBidding
/// @notice A bid on an open RFQ, written once for whoever bids: the caller of {TenderMarket-bid}, or the verified
/// signer of {TenderSigned-bidBySig}. The floors the RFQ was posted with are checked against the bidder's record and
/// its attested metrics; the bond is taken by the caller of `_bid`, from the bidder.
abstract contract EscrowBidding is EscrowPosting, EscrowSupplier {
    /// @dev Where suppliers' attested metrics are read: an immutable of each contract that bids.
    function _supplierRegistry() internal view virtual returns (ISupplierRegistry);

    /// @dev Records `actor`'s bid at `price`: an open RFQ, a price within its maximum, a new bidder that is no party
    /// to it, every floor met; it leads if it is the first or strictly lower (earliest wins a tie). Returns the
    /// job's token and the bond the caller must take from `actor` (after this, as the interaction).
    function _bid(uint256 jobId, address actor, uint96 price, Tender.Floors calldata floors)
        internal
        returns (address token, uint96 bond)
    {
        Tender.Job storage job = _jobs[jobId];

        // Check
        _expectStatus(jobId, job.status, Tender.Status.Open);
        if (block.timestamp >= job.deadline) revert ITenderMarket.BiddingClosed(jobId, job.deadline);
        uint96 maxPrice = job.price;
        if (price == 0) revert ITenderEscrow.ZeroPrice();
        if (price > maxPrice) revert ITenderMarket.BidAboveMaximum(jobId, price, maxPrice);
        if (actor == job.buyer) revert ITenderEscrow.InvalidSupplier(actor);
        if (actor == _terms[job.termsId].arbitrator) revert ITenderEscrow.ArbitratorIsParty(actor);
        if (_bids[jobId][actor].price != 0) revert ITenderMarket.AlreadyBid(jobId, actor);
        token = _checkFloors(jobId, job, actor, floors, false);

        // Effect
        bond = uint96(uint256(maxPrice) * floors.bondBps / _BPS);
        _bids[jobId][actor] = Tender.Bid({price: price, bond: bond, placedAt: uint40(block.timestamp), unrevealed: false});
        emit ITenderMarket.BidPlaced(jobId, actor, price, bond, _lead(jobId, actor, price));
    }

    /// @dev Records `actor`'s sealed bid, its price hidden in `commitment`: an open sealed-bid RFQ before its bid
    /// deadline, a new bidder that is no party to it, every floor met (as for an open bid). Returns the job's token
    /// and the bond the caller must take from `actor` (after this, as the interaction).
    function _commit(uint256 jobId, address actor, bytes32 commitment, Tender.Floors calldata floors)
        internal
        returns (address token, uint96 bond)
    {
        Tender.Job storage job = _jobs[jobId];

        // Check
        _expectStatus(jobId, job.status, Tender.Status.Open);
        if (block.timestamp >= job.deadline) revert ITenderMarket.BiddingClosed(jobId, job.deadline);
        if (commitment == bytes32(0)) revert ITenderMarket.EmptyCommitment();
        if (actor == job.buyer) revert ITenderEscrow.InvalidSupplier(actor);
        if (actor == _terms[job.termsId].arbitrator) revert ITenderEscrow.ArbitratorIsParty(actor);
        // Every sealed bid has a bond (the posting made sure), so a bond says the bidder committed already.
        if (_bids[jobId][actor].bond != 0) revert ITenderMarket.AlreadyBid(jobId, actor);
        token = _checkFloors(jobId, job, actor, floors, true);

        // Effect
        bond = uint96(uint256(job.price) * floors.bondBps / _BPS);
        uint256 seq = ++_commits[jobId];
        _bids[jobId][actor] = Tender.Bid({price: 0, bond: bond, placedAt: uint40(seq), unrevealed: true});
        _commitments[jobId][actor] = commitment;
        emit ITenderMarket.BidCommitted(jobId, actor, commitment, bond, seq);
    }

    /// @dev The checks an open bid and a sealed one share: the RFQ's award mode is the one the bid is for, the floors
    /// passed are the posted ones and `actor` meets each. Returns the job's token.
    function _checkFloors(
        uint256 jobId,
        Tender.Job storage job,
        address actor,
        Tender.Floors calldata floors,
        bool sealed_
    ) private view returns (address token) {
        Tender.RFQState memory rfq = _rfqs[jobId];
        if ((rfq.mode == Tender.AwardMode.SealedLowestPrice) != sealed_) {
            revert ITenderMarket.WrongAwardMode(jobId, rfq.mode);
        }
        if (_floorsHash(floors) != rfq.floorsHash) revert ITenderMarket.FloorsMismatch(jobId);
        token = job.token;
        _checkRecordFloors(jobId, actor, token, floors);
        _checkMetricFloors(jobId, actor, floors.metrics);
    }

    function _checkRecordFloors(uint256 jobId, address supplier, address token, Tender.Floors calldata floors)
        private
        view
    {
        Tender.SupplierRecord memory record = _supplierRecords[supplier];
        if (record.completed < floors.minCompleted) {
            revert ITenderMarket.RecordFloorNotMet(jobId, "minCompleted", floors.minCompleted, record.completed);
        }
        if (floors.minVolume != 0) {
            uint256 volume = _completedVolume[supplier][token];
            if (volume < floors.minVolume) revert ITenderMarket.RecordFloorNotMet(jobId, "minVolume", floors.minVolume, volume);
        }
        if (floors.maxLossShareBps < _BPS) {
            uint256 share =
                record.disputesFaced == 0 ? 0 : uint256(record.disputesLost) * _BPS / record.disputesFaced;
            if (share > floors.maxLossShareBps) {
                revert ITenderMarket.RecordFloorNotMet(jobId, "maxLossShareBps", floors.maxLossShareBps, share);
            }
        }
        if (floors.maxClawbackShareBps < _BPS) {
            Tender.ClaimRecord memory claims = _claimRecords[supplier];
            uint256 share = claims.claimsFaced == 0 ? 0 : uint256(claims.clawedBack) * _BPS / claims.claimsFaced;
            if (share > floors.maxClawbackShareBps) {
                revert ITenderMarket.RecordFloorNotMet(jobId, "maxClawbackShareBps", floors.maxClawbackShareBps, share);
            }
        }
        if (record.ratingCount < floors.minRatings) {
            revert ITenderMarket.RecordFloorNotMet(jobId, "minRatings", floors.minRatings, record.ratingCount);
        }
        if (floors.minAvgRating != 0) {
            uint256 average = record.ratingCount == 0 ? 0 : uint256(record.ratingSum) * 100 / record.ratingCount;
            if (average < floors.minAvgRating) {
                revert ITenderMarket.RecordFloorNotMet(jobId, "minAvgRating", floors.minAvgRating, average);
            }
        }
    }

    function _checkMetricFloors(uint256 jobId, address supplier, Tender.MetricFloor[] calldata metrics)
        private
        view
    {
        for (uint256 i; i < metrics.length; ++i) {
            Tender.MetricFloor calldata floor_ = metrics[i];
            (uint216 value, uint40 validUntil) = _supplierRegistry().attestation(floor_.attestor, supplier, floor_.metric);
            bool met = validUntil > block.timestamp
                && (floor_.comparison == Tender.Comparison.AtLeast ? value >= floor_.threshold : value <= floor_.threshold);
            if (!met) {
                revert ITenderMarket.MetricFloorNotMet(jobId, i, floor_.metric, floor_.threshold, validUntil > block.timestamp ? value : 0);
            }
        }
    }
}
