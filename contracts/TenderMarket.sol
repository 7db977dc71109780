// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISupplierRegistry} from "./interfaces/ISupplierRegistry.sol";
import {ITenderMarket} from "./interfaces/ITenderMarket.sol";
import {Tender} from "./types/Tender.sol";
import {EscrowCore} from "./base/EscrowCore.sol";

/// @title TenderMarket
/// @notice The request-for-quote market, inside the escrow that holds its money: RFQs, floors checked when a
/// supplier bids, bids that can only improve, the best bid tracked as bids arrive, awards that turn the winning bid
/// into a running job, cancellation (before the first bid, or once lapsed), and bonds. See {ITenderMarket}.
abstract contract TenderMarket is EscrowCore, ITenderMarket {
    /// @notice Most metric floors an RFQ may name.
    uint256 public constant MAX_METRIC_FLOORS = _MAX_METRIC_FLOORS;

    ISupplierRegistry private immutable _registry;
    uint32 private immutable _gracePeriod;

    /// @param registry Where suppliers' attested metrics are read.
    /// @param gracePeriod Seconds after an RFQ lapses before anyone, not only its buyer, may cancel it.
    constructor(ISupplierRegistry registry, uint32 gracePeriod) {
        _registry = registry;
        _gracePeriod = gracePeriod;
    }

    /*//////////////////////////////////////////////////////////////
                                  RFQS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderMarket
    function postRFQ(Tender.RFQ calldata rfq) external payable override nonReentrant returns (uint256 jobId) {
        // Check, effect: the RFQ opens for bids (EscrowPosting).
        jobId = _postRFQ(rfq);

        // Interaction: escrow the maximum price.
        _collect({token: rfq.token, from: msg.sender, amount: rfq.maxPrice});
    }

    /// @inheritdoc ITenderMarket
    function bid(uint256 jobId, uint96 price, Tender.Floors calldata floors) external payable override nonReentrant {
        Tender.Job storage job = _jobs[jobId];

        // Check: an open RFQ, a price within its maximum, a new bidder that is no party to it, every floor met.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        if (block.timestamp >= job.deadline) revert BiddingClosed(jobId, job.deadline);
        uint96 maxPrice = job.price;
        if (price == 0) revert ZeroPrice();
        if (price > maxPrice) revert BidAboveMaximum(jobId, price, maxPrice);
        if (msg.sender == job.buyer) revert InvalidSupplier(msg.sender);
        if (msg.sender == _terms[job.termsId].arbitrator) revert ArbitratorIsParty(msg.sender);
        Tender.Bid storage bid_ = _bids[jobId][msg.sender];
        if (bid_.price != 0) revert AlreadyBid(jobId, msg.sender);
        if (_floorsHash(floors) != _rfqs[jobId].floorsHash) revert FloorsMismatch(jobId);
        address token = job.token;
        _checkRecordFloors(jobId, msg.sender, token, floors);
        _checkMetricFloors(jobId, msg.sender, floors.metrics);

        // Effect: record the bid; it leads if it is the first or strictly lower (earliest wins a tie).
        uint96 bond = uint96(uint256(maxPrice) * floors.bondBps / _BPS);
        _bids[jobId][msg.sender] = Tender.Bid({price: price, bond: bond, placedAt: uint40(block.timestamp)});
        bool best = _lead(jobId, msg.sender, price);
        emit BidPlaced(jobId, msg.sender, price, bond, best);

        // Interaction: take the bond.
        _collect({token: token, from: msg.sender, amount: bond});
    }

    /// @inheritdoc ITenderMarket
    function improveBid(uint256 jobId, uint96 price) external override {
        _improveBid(jobId, msg.sender, price);
    }

    /// @inheritdoc ITenderMarket
    function award(uint256 jobId) external override nonReentrant {
        Tender.Job storage job = _jobs[jobId];

        // Check: a lowest-price RFQ whose bidding is over, with a bid.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        Tender.AwardMode mode = _rfqs[jobId].mode;
        if (mode != Tender.AwardMode.LowestPrice) revert WrongAwardMode(jobId, mode);
        if (block.timestamp < job.deadline) revert BiddingOpen(jobId, job.deadline);
        Tender.BestBid memory best = _best[jobId];
        if (best.supplier == address(0)) revert NoBids(jobId);

        _award(jobId, job, best.supplier, best.price);
    }

    /// @inheritdoc ITenderMarket
    function pick(uint256 jobId, address supplier) external override nonReentrant {
        Tender.Job storage job = _jobs[jobId];

        // Check: the buyer of a buyer's-choice RFQ, in its award window, picking a bid.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        Tender.RFQState memory rfq = _rfqs[jobId];
        if (rfq.mode != Tender.AwardMode.BuyerChoice) revert WrongAwardMode(jobId, rfq.mode);
        if (msg.sender != job.buyer) revert NotBuyer(jobId, msg.sender);
        if (block.timestamp < job.deadline) revert BiddingOpen(jobId, job.deadline);
        if (block.timestamp >= rfq.awardDeadline) revert AwardWindowClosed(jobId, rfq.awardDeadline);
        uint96 price = _bids[jobId][supplier].price;
        if (price == 0) revert NoBid(jobId, supplier);

        _award(jobId, job, supplier, price);
    }

    /// @inheritdoc ITenderMarket
    function cancel(uint256 jobId) external override nonReentrant {
        Tender.Job storage job = _jobs[jobId];

        // Check: the buyer before the first bid or once lapsed; anyone once lapsed plus the grace period.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        bool hasBids = _best[jobId].supplier != address(0);
        address buyer = job.buyer;
        if (!(msg.sender == buyer && !hasBids)) {
            uint256 lapsedAt;
            if (!hasBids) {
                lapsedAt = job.deadline;
            } else {
                Tender.RFQState memory rfq = _rfqs[jobId];
                // A lowest-price RFQ with bids never lapses: anyone can award it.
                if (rfq.mode == Tender.AwardMode.LowestPrice) revert CannotCancelYet(jobId, 0);
                lapsedAt = rfq.awardDeadline;
            }
            uint256 since = msg.sender == buyer ? lapsedAt : lapsedAt + _gracePeriod;
            if (block.timestamp < since) revert CannotCancelYet(jobId, since);
        }

        // Effect
        job.status = Tender.Status.Cancelled;
        uint256 maxPrice = job.price;
        ++_buyerRecords[buyer].cancelled;
        emit JobCancelled(jobId, msg.sender, maxPrice);

        // Interaction
        _push(job.token, buyer, maxPrice);
    }

    /// @inheritdoc ITenderMarket
    function reclaimBond(uint256 jobId) external override nonReentrant {
        _reclaimBond(jobId, msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Turns the winning bid into a running job; the rest of the maximum goes back to the buyer at once.
    function _award(uint256 jobId, Tender.Job storage job, address winner, uint96 price) private {
        // Effect
        uint256 refunded = job.price - price;
        uint40 deliverBy = uint40(block.timestamp + job.deliveryWindow);
        job.supplier = winner;
        job.status = Tender.Status.Awarded;
        job.deadline = deliverBy;
        job.price = price;
        ++_supplierRecords[winner].won;
        emit JobAwarded(jobId, winner, price, refunded, deliverBy);

        // Interaction
        _push(job.token, job.buyer, refunded);
    }

    function _checkRecordFloors(uint256 jobId, address supplier, address token, Tender.Floors calldata floors)
        private
        view
    {
        Tender.SupplierRecord memory record = _supplierRecords[supplier];
        if (record.completed < floors.minCompleted) {
            revert RecordFloorNotMet(jobId, "minCompleted", floors.minCompleted, record.completed);
        }
        if (floors.minVolume != 0) {
            uint256 volume = _completedVolume[supplier][token];
            if (volume < floors.minVolume) revert RecordFloorNotMet(jobId, "minVolume", floors.minVolume, volume);
        }
        if (floors.maxLossShareBps < _BPS) {
            uint256 share =
                record.disputesFaced == 0 ? 0 : uint256(record.disputesLost) * _BPS / record.disputesFaced;
            if (share > floors.maxLossShareBps) {
                revert RecordFloorNotMet(jobId, "maxLossShareBps", floors.maxLossShareBps, share);
            }
        }
        if (floors.maxClawbackShareBps < _BPS) {
            Tender.ClaimRecord memory claims = _claimRecords[supplier];
            uint256 share = claims.claimsFaced == 0 ? 0 : uint256(claims.clawedBack) * _BPS / claims.claimsFaced;
            if (share > floors.maxClawbackShareBps) {
                revert RecordFloorNotMet(jobId, "maxClawbackShareBps", floors.maxClawbackShareBps, share);
            }
        }
        if (record.ratingCount < floors.minRatings) {
            revert RecordFloorNotMet(jobId, "minRatings", floors.minRatings, record.ratingCount);
        }
        if (floors.minAvgRating != 0) {
            uint256 average = record.ratingCount == 0 ? 0 : uint256(record.ratingSum) * 100 / record.ratingCount;
            if (average < floors.minAvgRating) {
                revert RecordFloorNotMet(jobId, "minAvgRating", floors.minAvgRating, average);
            }
        }
    }

    function _checkMetricFloors(uint256 jobId, address supplier, Tender.MetricFloor[] calldata metrics)
        private
        view
    {
        for (uint256 i; i < metrics.length; ++i) {
            Tender.MetricFloor calldata floor_ = metrics[i];
            (uint216 value, uint40 validUntil) = _registry.attestation(floor_.attestor, supplier, floor_.metric);
            bool met = validUntil > block.timestamp
                && (floor_.comparison == Tender.Comparison.AtLeast ? value >= floor_.threshold : value <= floor_.threshold);
            if (!met) {
                revert MetricFloorNotMet(jobId, i, floor_.metric, floor_.threshold, validUntil > block.timestamp ? value : 0);
            }
        }
    }
}
