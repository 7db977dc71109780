// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderMarket
/// @notice The request-for-quote market: RFQs, qualified bids, awards. The escrow that implements it holds the RFQ's
/// maximum price and the bidders' bonds; an award turns the winning bid into a running job settled like a direct
/// hire. No function loops over bids, jobs or suppliers: the best bid is tracked as bids arrive.
/// @dev An RFQ stores its floors as a commitment (the first 24 bytes of keccak256(abi.encode(floors))); a bidder
/// passes the floors it meets, as posted in {RFQPosted}, and the escrow checks them against the commitment.
interface ITenderMarket {
    /// @notice The bid is above the job's maximum price.
    error BidAboveMaximum(uint256 jobId, uint256 price, uint256 maximum);
    /// @notice The supplier already bid on this job; it may only improve.
    error AlreadyBid(uint256 jobId, address supplier);
    /// @notice The supplier has no bid on this job.
    error NoBid(uint256 jobId, address supplier);
    /// @notice Nobody bid on this job.
    error NoBids(uint256 jobId);
    /// @notice An improvement must lower the price.
    error NotAnImprovement(uint256 jobId, uint256 price, uint256 current);
    /// @notice The floors passed are not the ones the RFQ was posted with.
    error FloorsMismatch(uint256 jobId);
    /// @notice The bidder misses a record floor; `floor` names which ("minCompleted", "minVolume",
    /// "maxLossShareBps", "minRatings" or "minAvgRating").
    error RecordFloorNotMet(uint256 jobId, bytes32 floor, uint256 required, uint256 actual);
    /// @notice The bidder misses metric floor number `index`: no current attestation by its attestor, or a value on
    /// the wrong side of the threshold (`attested` is 0 when there is none).
    error MetricFloorNotMet(uint256 jobId, uint256 index, bytes32 metric, uint256 threshold, uint256 attested);
    /// @notice An RFQ names at most 8 metric floors.
    error TooManyMetricFloors(uint256 count, uint256 max);
    /// @notice A floor is out of its range (bond above 10,000 bps, loss share above 10,000 bps, rating above 500).
    error InvalidFloor(bytes32 floor, uint256 value);
    /// @notice Bids are taken only before the bid deadline.
    error BiddingClosed(uint256 jobId, uint256 bidDeadline);
    /// @notice Awarding waits for the bid deadline.
    error BiddingOpen(uint256 jobId, uint256 bidDeadline);
    /// @notice In buyer's-choice mode the buyer picks before the award deadline.
    error AwardWindowClosed(uint256 jobId, uint256 awardDeadline);
    /// @notice The job is in the other award mode.
    error WrongAwardMode(uint256 jobId, Tender.AwardMode mode);
    /// @notice The RFQ cannot be cancelled by this caller yet; `since` is when it can (0: not while it can be
    /// awarded).
    error CannotCancelYet(uint256 jobId, uint256 since);
    /// @notice No bond to take back: none posted, already reclaimed, the winner's, or the RFQ still Open (not yet
    /// awarded or cancelled).
    error BondNotReclaimable(uint256 jobId, address supplier);
    /// @notice A sealed-bid RFQ must ask a bond of at least `minimum` bps of its maximum price (and one that does not
    /// round to 0).
    error SealedBondTooLow(uint256 bondBps, uint256 minimum);
    /// @notice A sealed bid commits to a non-zero hash.
    error EmptyCommitment();
    /// @notice A sealed-bid RFQ is awarded once its reveal window has ended.
    error RevealOpen(uint256 jobId, uint256 revealDeadline);
    /// @notice Sealed bids are revealed only before the end of the reveal window.
    error RevealClosed(uint256 jobId, uint256 revealDeadline);
    /// @notice The supplier has no sealed bid waiting to be revealed on this job (none, or revealed already).
    error NothingToReveal(uint256 jobId, address supplier);
    /// @notice The price and salt do not open the supplier's commitment on this chain, escrow and job.
    error CommitmentMismatch(uint256 jobId, address supplier);
    /// @notice The sealed bid was never revealed at a valid price: its bond goes to the buyer, not back to the bidder.
    error BondForfeit(uint256 jobId, address supplier);
    /// @notice No bond to forfeit: the bid was revealed at a valid price, its bond already went, or the reveal window is
    /// still open.
    error NotForfeitable(uint256 jobId, address supplier);

    /// @notice A buyer posted an RFQ and escrowed its maximum price. Carries the whole spec and the floors.
    /// @param awardDeadline Buyer's choice: the buyer picks before it. Sealed: bidders reveal before it (the award
    /// window is the reveal window). Lowest price: the bid deadline.
    event RFQPosted(
        uint256 indexed jobId,
        address indexed buyer,
        Tender.RFQ rfq,
        uint40 awardDeadline,
        uint32 termsId,
        uint16 protocolFeeBps
    );
    /// @notice `supplier` bid `price`, posting `bond`; `best` says whether it leads.
    event BidPlaced(uint256 indexed jobId, address indexed supplier, uint256 price, uint256 bond, bool best);
    /// @notice `supplier` lowered its bid to `price`; `best` says whether it leads.
    event BidImproved(uint256 indexed jobId, address indexed supplier, uint256 price, bool best);
    /// @notice The job went to `supplier` at `price`; `refunded` (maximum − price) went back to the buyer.
    event JobAwarded(
        uint256 indexed jobId, address indexed supplier, uint256 price, uint256 refunded, uint40 deliverBy
    );
    /// @notice The RFQ was cancelled and its maximum price refunded.
    event JobCancelled(uint256 indexed jobId, address indexed by, uint256 refunded);
    /// @notice A bidder that did not win (or whose RFQ was cancelled) took its bond back.
    event BondReclaimed(uint256 indexed jobId, address indexed supplier, uint256 bond);
    /// @notice `supplier` committed to a sealed bid (its price hidden in `commitment`), posting `bond`; `seq` is the
    /// commit's number in the job (1, 2, …): of equal revealed prices, the lower wins.
    event BidCommitted(uint256 indexed jobId, address indexed supplier, bytes32 commitment, uint256 bond, uint256 seq);
    /// @notice `supplier`'s sealed bid was opened at `price`; `valid` says whether the price is within (0, maximum]
    /// (an invalid one cannot win, and its bond is forfeit as if it were never revealed); `best` whether it leads.
    event BidRevealed(uint256 indexed jobId, address indexed supplier, uint256 price, bool valid, bool best);
    /// @notice `supplier`'s sealed bid was never revealed: its `bond` went to the job's buyer.
    event BondForfeited(uint256 indexed jobId, address indexed supplier, address indexed buyer, uint256 bond);

    /// @notice The smallest bond a sealed-bid RFQ may ask, in bps of its maximum price (without a bond, a bidder
    /// could commit under several names and reveal only the one that best undercuts the others).
    function MIN_SEALED_BOND_BPS() external view returns (uint256);

    /// @notice Posts an RFQ and escrows `rfq.maxPrice`.
    /// @dev Emits {RFQPosted}. Requirements: posting not paused; maximum price above 0; the bid deadline in the
    /// future by a window within bounds; delivery and review windows (and, for buyer's choice, the award window)
    /// within bounds; default split at most 5,000 bps; spec 1 byte to 8 KiB; arbitrator active and not the buyer;
    /// at most 8 metric floors; floors in range; payment as for a direct hire. Sealed bids ({ITenderSealed}): the
    /// award window is the reveal window (within bounds), and the bond at least {MIN_SEALED_BOND_BPS} and not 0.
    function postRFQ(Tender.RFQ calldata rfq) external payable returns (uint256 jobId);

    /// @notice Bids `price` on an RFQ whose `floors` the caller meets, posting the bond they ask for (bondBps of
    /// the maximum price, in the job's token: ETH as msg.value, ERC-20 approved to the escrow). A registered
    /// profile is not required. A bond is what makes a winner who never delivers pay for holding the job: buyers of
    /// lowest-price RFQs should ask for one.
    /// @dev Emits {BidPlaced}. Requirements: Open; before the bid deadline; price above 0 and at most the maximum;
    /// caller neither the buyer nor the arbitrator, with no earlier bid; `floors` as posted, each met.
    function bid(uint256 jobId, uint96 price, Tender.Floors calldata floors) external payable;

    /// @notice Lowers the caller's bid. The bond stays as posted; floors are not checked again.
    /// @dev Emits {BidImproved}. Requirements: Open; before the bid deadline; a lower price than before.
    function improveBid(uint256 jobId, uint96 price) external;

    /// @notice Lowest-price mode: after the bid deadline anyone awards the best bid; of equal bids, the one that
    /// reached that price first wins.
    /// @dev Emits {JobAwarded}. Requirements: Open; lowest-price mode; at or after the bid deadline; a bid exists.
    function award(uint256 jobId) external;

    /// @notice Buyer's-choice mode: the buyer picks any bid between the bid deadline and the award deadline.
    /// @dev Emits {JobAwarded}. Requirements: Open; buyer's-choice mode; caller is the buyer; at or after the bid
    /// deadline and before the award deadline; `supplier` bid.
    function pick(uint256 jobId, address supplier) external;

    /// @notice Cancels an RFQ and refunds the buyer in full. The buyer may cancel before the first bid, or once the
    /// RFQ lapsed (no bid by the bid deadline, or no pick by the award deadline); anyone may cancel a lapsed RFQ
    /// after the grace period too. A lowest-price RFQ with bids never lapses: anyone can award it.
    /// @dev Emits {JobCancelled}.
    function cancel(uint256 jobId) external;

    /// @notice A bidder that did not win, or whose RFQ was cancelled, takes its bond back.
    /// @dev Emits {BondReclaimed}. Requirements: a bond not yet reclaimed; the job past bidding (awarded or
    /// later) with another winner, or cancelled.
    function reclaimBond(uint256 jobId) external;
}
