// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderMarket
/// @notice The request-for-quote market: RFQs, qualified bids, awards. It holds no money: the RFQ's maximum price
/// and the bidders' bonds are escrowed by the escrow, and an award turns the winning bid into a running job there.
/// @dev Designed with the escrow; implemented with the bid market. No function loops over bids, jobs or
/// suppliers: the best bid is tracked as bids arrive.
interface ITenderMarket {
    /// @notice The bid is not below the job's maximum price (or the bidder's own previous bid).
    error BidAboveMaximum(uint256 jobId, uint256 price, uint256 maximum);
    /// @notice The supplier already bid on this job; it may only improve.
    error AlreadyBid(uint256 jobId, address supplier);
    /// @notice The supplier has no bid on this job.
    error NoBid(uint256 jobId, address supplier);
    /// @notice An improvement must lower the price.
    error NotAnImprovement(uint256 jobId, uint256 price, uint256 current);
    /// @notice The bidder misses a record floor. `floor` names which (e.g. "minCompleted").
    error RecordFloorNotMet(uint256 jobId, bytes32 floor, uint256 required, uint256 actual);
    /// @notice The bidder misses attested-metric floor number `index`.
    error MetricFloorNotMet(uint256 jobId, uint256 index, bytes32 metric, uint256 threshold, uint256 attested);
    /// @notice An RFQ names at most 8 metric floors.
    error TooManyMetricFloors(uint256 count, uint256 max);
    /// @notice Bidding is closed (after the bid deadline) or not yet over (award before the deadline).
    error BiddingClosed(uint256 jobId, uint256 bidDeadline);
    /// @notice Awarding needs the bid deadline to have passed.
    error BiddingOpen(uint256 jobId, uint256 bidDeadline);
    /// @notice In buyer's-choice mode the buyer picks, and only before the award deadline.
    error AwardWindowClosed(uint256 jobId, uint256 awardDeadline);
    /// @notice The job is in the other award mode.
    error WrongAwardMode(uint256 jobId, Tender.AwardMode mode);
    /// @notice The RFQ cannot be cancelled yet by this caller.
    error CannotCancelYet(uint256 jobId, uint256 since);
    /// @notice The bond was reclaimed already, or it belongs to the winner.
    error BondNotReclaimable(uint256 jobId, address supplier);

    /// @notice A buyer posted an RFQ and escrowed its maximum price. Carries the whole spec.
    event RFQPosted(uint256 indexed jobId, address indexed buyer, Tender.RFQ rfq, bytes32 specHash, uint32 termsId, uint16 protocolFeeBps);
    /// @notice `supplier` placed its bid, posting `bond`.
    event BidPlaced(uint256 indexed jobId, address indexed supplier, uint256 price, uint256 bond, bool best);
    /// @notice `supplier` lowered its bid.
    event BidImproved(uint256 indexed jobId, address indexed supplier, uint256 price, bool best);
    /// @notice The job was awarded to `supplier` at `price`; `refunded` went back to the buyer.
    event JobAwarded(uint256 indexed jobId, address indexed supplier, uint256 price, uint256 refunded, uint40 deliverBy);
    /// @notice The RFQ was cancelled and its maximum price refunded.
    event JobCancelled(uint256 indexed jobId, address indexed by, uint256 refunded);
    /// @notice A losing (or cancelled) bidder took its bond back.
    event BondReclaimed(uint256 indexed jobId, address indexed supplier, uint256 bond);

    /// @notice Posts an RFQ and escrows `rfq.maxPrice`.
    /// @dev Emits {RFQPosted}. Requirements: as for a direct hire, plus a bid deadline in the future within the
    /// window bounds, an award window within bounds in buyer's-choice mode, at most 8 metric floors.
    function postRFQ(Tender.RFQ calldata rfq) external payable returns (uint256 jobId);

    /// @notice Places the caller's bid at `price`, posting the bond the floors ask for.
    /// @dev Emits {BidPlaced}. Requirements: Open; before the bid deadline; price above 0 and at most the maximum;
    /// no earlier bid by the caller; every floor met; the bond paid (ETH sent exactly, or ERC-20 approved).
    function bid(uint256 jobId, uint96 price) external payable;

    /// @notice Lowers the caller's bid. The bond stays as posted.
    /// @dev Emits {BidImproved}. Requirements: Open; before the bid deadline; a lower price than before.
    function improveBid(uint256 jobId, uint96 price) external;

    /// @notice Lowest-price mode: after the bid deadline, anyone awards the best bid.
    /// @dev Emits {JobAwarded}. Requirements: Open; lowest-price mode; at or after the bid deadline; a bid exists.
    function award(uint256 jobId) external;

    /// @notice Buyer's-choice mode: the buyer picks any bid between the bid deadline and the award deadline.
    /// @dev Emits {JobAwarded}. Requirements: Open; buyer's-choice mode; caller is the buyer; in the award window.
    function pick(uint256 jobId, address supplier) external;

    /// @notice Cancels an RFQ and refunds the buyer in full: the buyer before the first bid or once lapsed;
    /// anyone after the lapse plus the grace period.
    /// @dev Emits {JobCancelled}.
    function cancel(uint256 jobId) external;

    /// @notice A bidder that did not win (or whose RFQ was cancelled) takes its bond back.
    /// @dev Emits {BondReclaimed}.
    function reclaimBond(uint256 jobId) external;

    /// @notice The caller's (or anyone's) bid on a job.
    function bidOf(uint256 jobId, address supplier) external view returns (Tender.Bid memory);

    /// @notice The best bid so far: its supplier and price (zero address if none).
    function bestBid(uint256 jobId) external view returns (address supplier, uint96 price);
}
