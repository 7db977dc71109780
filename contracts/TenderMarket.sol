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
    /// @notice The smallest bond a sealed-bid RFQ may ask, in bps of its maximum price.
    uint256 public constant MIN_SEALED_BOND_BPS = _MIN_SEALED_BOND_BPS;

    ISupplierRegistry private immutable _registry;
    uint32 private immutable _gracePeriod;

    /// @param registry Where suppliers' attested metrics are read.
    /// @param gracePeriod Seconds after an RFQ lapses before anyone, not only its buyer, may cancel it.
    constructor(ISupplierRegistry registry, uint32 gracePeriod) {
        _registry = registry;
        _gracePeriod = gracePeriod;
    }

    function _supplierRegistry() internal view override returns (ISupplierRegistry) {
        return _registry;
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
        // Check, effect (EscrowBidding); interaction: take the bond.
        (address token, uint96 bond) = _bid(jobId, msg.sender, price, floors);
        _collect({token: token, from: msg.sender, amount: bond});
    }

    /// @inheritdoc ITenderMarket
    function improveBid(uint256 jobId, uint96 price) external override {
        _improveBid(jobId, msg.sender, price);
    }

    /// @inheritdoc ITenderMarket
    function award(uint256 jobId) external override nonReentrant {
        Tender.Job storage job = _jobs[jobId];

        // Check: a lowest-price RFQ whose bidding is over, or a sealed one whose reveal window is, with a (revealed)
        // bid. A lowest-price RFQ's award deadline is its bid deadline.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        Tender.RFQState memory rfq = _rfqs[jobId];
        if (rfq.mode == Tender.AwardMode.BuyerChoice) revert WrongAwardMode(jobId, rfq.mode);
        if (block.timestamp < rfq.awardDeadline) {
            if (rfq.mode == Tender.AwardMode.LowestPrice) revert BiddingOpen(jobId, rfq.awardDeadline);
            revert RevealOpen(jobId, rfq.awardDeadline);
        }
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

        // Check: the buyer before the first bid (or commit) or once lapsed; anyone once lapsed plus the grace period.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        bool sealedBids = job.flags & Tender.FLAG_SEALED != 0;
        bool revealed = _best[jobId].supplier != address(0);
        bool hasBids = sealedBids ? _commits[jobId] != 0 : revealed;
        address buyer = job.buyer;
        if (!(msg.sender == buyer && !hasBids)) {
            uint256 lapsedAt;
            if (!hasBids) {
                lapsedAt = job.deadline;
            } else {
                Tender.RFQState memory rfq = _rfqs[jobId];
                // A lowest-price RFQ with bids, or a sealed one with a price revealed, never lapses: anyone can award
                // it. A sealed one lapses when its reveal window ends with no price revealed.
                if (rfq.mode == Tender.AwardMode.LowestPrice || (sealedBids && revealed)) {
                    revert CannotCancelYet(jobId, 0);
                }
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
}
