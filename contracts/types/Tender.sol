// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Tender
/// @notice Namespace for the types shared by Tender's contracts.
library Tender {
    /// @notice A job's place in its life. Values are stable: scripts and the indexer read them as numbers.
    enum Status {
        /// No job with this id.
        None,
        /// An RFQ taking bids; its maximum price is escrowed.
        Open,
        /// A supplier is named (direct hire or award) and must deliver before the job's deadline.
        Awarded,
        /// Delivered; the buyer may confirm or dispute until the review window ends.
        Delivered,
        /// The buyer disputed the delivery; the named arbitrator rules.
        Disputed,
        /// Price released: confirmed, finalized, ruled, or a dispute settled by default. Terminal.
        Settled,
        /// The buyer got its money back after a decline or a missed delivery. Terminal.
        Refunded,
        /// An RFQ cancelled before any award; the buyer got its money back. Terminal.
        Cancelled
    }

    /// @notice How an RFQ picks its winner.
    enum AwardMode {
        /// After the bid deadline anyone awards the lowest bid (earliest wins a tie).
        LowestPrice,
        /// The buyer picks any bid between the bid deadline and the award deadline.
        BuyerChoice,
        /// Sealed lowest price: bidders commit to a hidden price (posting the bond) before the bid deadline and reveal
        /// it in the reveal window after; then anyone awards the lowest revealed price (the earlier commit wins a
        /// tie). A commitment never revealed forfeits its bond to the buyer.
        SealedLowestPrice
    }

    /// @notice Direction of an attested-metric floor.
    enum Comparison {
        /// The attested value must be at least the threshold (e.g. a benchmark score).
        AtLeast,
        /// The attested value must be at most the threshold (e.g. a latency).
        AtMost
    }

    /// @notice A job as the escrow stores it: four slots.
    /// @dev `flags` says what the job uses beyond the plain life: {FLAG_DIRECT} (a direct hire, not an RFQ) and
    /// {FLAG_HOLDBACK} (a holdback under warranty: its {Warranty} is kept beside the job). A job without
    /// {FLAG_HOLDBACK} reads and writes no slot beyond these four.
    /// @dev `deadline` means what the status says: the bid deadline while Open, deliver-by while Awarded, end of the review window while
    /// Delivered, respond-by then (once `answered`) rule-by while Disputed. The arbitrator and its fee and ruling window are
    /// read through `termsId`, the arbitrator's terms in force when the job was posted. 
    struct Job {
        // slot 0: what every transition reads
        address supplier;
        Status status;
        uint40 deadline;
        uint32 reviewWindow;
        uint8 flags;
        bool answered;
        // slot 1
        address buyer;
        uint96 price;
        // slot 2
        address token;
        uint32 termsId;
        uint32 deliveryWindow;
        uint16 protocolFeeBps;
        uint16 defaultBuyerShareBps;
        // slot 3
        bytes32 specHash;
    }

    /// @notice Bit of `Job.flags`: the job is a direct hire.
    uint8 internal constant FLAG_DIRECT = 1;
    /// @notice Bit of `Job.flags`: part of each payment is held under warranty ({Warranty}).
    uint8 internal constant FLAG_HOLDBACK = 2;
    /// @notice Bit of `Job.flags`: the job is paid in milestones ({Milestones}, kept beside the job); its actions
    /// run in the milestones module.
    uint8 internal constant FLAG_MILESTONES = 4;
    /// @notice Bit of `Job.flags`: an RFQ in sealed-bid mode ({AwardMode-SealedLowestPrice}).
    uint8 internal constant FLAG_SEALED = 8;

    /// @notice One milestone as the buyer states it at posting.
    /// @param shareBps Its share of the price in bps (the shares sum to 10,000; the last is paid the rounding
    /// remainder).
    /// @param deliveryWindow Seconds from the previous milestone's settlement (the first: from the award or the
    /// posting of a direct hire) to its delivery deadline.
    struct Milestone {
        uint16 shareBps;
        uint32 deliveryWindow;
    }

    /// @notice A job's milestones as the escrow keeps them beside the job: three slots, the first rewritten as the
    /// job moves on, the other two written once at posting.
    /// @param count How many milestones (2 to 8).
    /// @param current The milestone in progress (its index); the job's status and deadline are its.
    /// @param settledBps The shares of the milestones settled so far.
    /// @param settled The gross price of the milestones settled so far (held shares included).
    /// @param shareBps Each milestone's share, by index.
    /// @param deliveryWindows Each milestone's delivery window, by index.
    struct Milestones {
        uint8 count;
        uint8 current;
        uint16 settledBps;
        uint96 settled;
        uint16[8] shareBps;
        uint32[8] deliveryWindows;
    }

    /// @notice A holdback with its warranty, stated at posting (all zero for none) and kept beside the job in one
    /// slot.
    /// @param holdbackBps Share of each payment held after a confirm or a finalize, in bps (at most 5,000; 0 = none).
    /// @param warrantyWindow Seconds after a payment settles in which the buyer may claim against its held share
    /// (within the window bounds when there is a holdback, else 0).
    /// @param holdBond RFQs only: the winner's bond, up to the held share, stays staked through the warranty.
    struct Warranty {
        uint16 holdbackBps;
        uint32 warrantyWindow;
        bool holdBond;
    }

    /// @notice Where a payment's warranty claim stands. One claim per payment.
    enum ClaimStatus {
        /// No claim filed.
        None,
        /// The buyer claimed; the supplier may agree or answer before the claim's deadline.
        Filed,
        /// The supplier answered; the arbitrator rules before the claim's deadline.
        Answered,
        /// The claim ended (agreed, ruled, defaulted or waived).
        Ended
    }

    /// @notice A payment's held share under warranty: one slot, written when the payment settles.
    /// @param amount The held share still in escrow (gross: the protocol fee is charged when it reaches the
    /// supplier).
    /// @param bond The winner's bond staked with it (RFQs that said so), at most the held share at settlement.
    /// @param warrantyEndsAt The buyer may claim before it; anyone may release at or after it.
    /// @param claim Where the payment's claim stands.
    struct Held {
        uint96 amount;
        uint96 bond;
        uint40 warrantyEndsAt;
        ClaimStatus claim;
    }

    /// @notice A warranty claim: one slot, written when the buyer files.
    /// @param asked What the buyer claims back, at most the held share.
    /// @param deadline Respond-by while Filed, rule-by once Answered.
    /// @param fee What each side pays to take part: the arbitrator's bps of the stake (held share and bond),
    /// rounded up.
    struct Claim {
        uint96 asked;
        uint40 deadline;
        uint96 fee;
    }

    /// @notice A supplier's warranty counters: one slot, written only by claims.
    struct ClaimRecord {
        uint32 claimsFaced;
        uint32 clawedBack;
    }

    /// @notice What a buyer states when hiring a named supplier at a fixed price.
    /// @param supplier Who is hired; must not be the buyer.
    /// @param token ERC-20 to pay in, or address(0) for native ETH.
    /// @param price Amount escrowed now and paid on completion (token units).
    /// @param deliveryWindow Seconds from posting to the delivery deadline.
    /// @param reviewWindow Seconds from delivery in which the buyer may confirm or dispute.
    /// @param arbitrator A registered, active arbitrator that is neither party.
    /// @param arbitratorTermsId The arbitrator's terms the buyer saw (its current `termsId`): the post is refused if
    /// the arbitrator published others before it was mined.
    /// @param defaultBuyerShareBps Split applied if the arbitrator stays silent (at most 5,000).
    /// @param warranty Holdback and warranty ({Warranty}; `holdBond` must be false: a direct hire has no bond).
    /// @param category keccak256 of the category string (e.g. "code").
    /// @param spec The job spec, UTF-8 JSON, at most 8 KiB; storage keeps its keccak256.
    struct DirectHire {
        address supplier;
        address token;
        uint96 price;
        uint32 deliveryWindow;
        uint32 reviewWindow;
        address arbitrator;
        uint32 arbitratorTermsId;
        uint16 defaultBuyerShareBps;
        Warranty warranty;
        bytes32 category;
        string spec;
    }

    /// @notice An ERC-2612 permit the payer signed for the escrow, carried with the call that pulls its tokens.
    /// @param value The allowance the permit grants (at least what the call pulls).
    /// @param deadline The permit's own deadline (the token's check).
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Who signed an action and on what terms, carried with the action by whoever submits it (EIP-712,
    /// domain "Tender" version "1" on the escrow's chain and address).
    /// @param signer Whose action it is: an EOA's ECDSA signature, or a contract wallet's answer to ERC-1271.
    /// @param relayer The only address that may submit it, or address(0) for anyone.
    /// @param nonce An unordered nonce of the signer's (a bit in its bitmap): used once, in any order.
    /// @param deadline The action is refused from this time on (`block.timestamp >= deadline`).
    /// @param signature The signature over the action's typed data, which includes `relayer`, `nonce` and `deadline`.
    struct Signed {
        address signer;
        address relayer;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice What a buyer states when posting a request for quote.
    /// @param token ERC-20 to pay in, or address(0) for native ETH.
    /// @param maxPrice Amount escrowed now; the difference to the winning bid is refunded at award.
    /// @param bidDeadline Timestamp before which bids are taken (the escrow's job deadline while Open).
    /// @param awardWindow Buyer's choice only: seconds after the bid deadline in which the buyer picks.
    /// @param deliveryWindow Seconds from the award to the delivery deadline.
    /// @param reviewWindow Seconds from delivery in which the buyer may confirm or dispute.
    /// @param mode Lowest price or buyer's choice.
    /// @param arbitrator A registered, active arbitrator that is not the buyer.
    /// @param arbitratorTermsId The arbitrator's terms the buyer saw, as for a direct hire.
    /// @param defaultBuyerShareBps Split applied if the arbitrator stays silent (at most 5,000).
    /// @param warranty Holdback and warranty ({Warranty}).
    /// @param category keccak256 of the category string.
    /// @param floors What a bidder must meet (record floors, bond, attested metrics).
    /// @param spec The job spec, UTF-8 JSON, at most 8 KiB.
    struct RFQ {
        address token;
        uint96 maxPrice;
        uint40 bidDeadline;
        uint32 awardWindow;
        uint32 deliveryWindow;
        uint32 reviewWindow;
        AwardMode mode;
        address arbitrator;
        uint32 arbitratorTermsId;
        uint16 defaultBuyerShareBps;
        Warranty warranty;
        bytes32 category;
        Floors floors;
        string spec;
    }

    /// @notice Qualification floors of an RFQ, checked when a supplier bids.
    /// @param minCompleted Minimum jobs completed.
    /// @param minVolume Minimum volume completed in the job's token.
    /// @param maxLossShareBps Maximum share of faced disputes lost, in bps (10,000 = no limit).
    /// @param maxClawbackShareBps Maximum share of faced warranty claims clawed back, in bps (10,000 = no limit).
    /// @param minAvgRating Minimum average rating × 100 (e.g. 450 = 4.5); 0 = no floor. A supplier with no rating
    /// fails it.
    /// @param minRatings Minimum number of ratings received.
    /// @param bondBps Bond the bidder posts, in bps of the job's maximum price.
    /// @param metrics Up to 8 attested-metric requirements.
    struct Floors {
        uint32 minCompleted;
        uint128 minVolume;
        uint16 maxLossShareBps;
        uint16 maxClawbackShareBps;
        uint16 minAvgRating;
        uint32 minRatings;
        uint16 bondBps;
        MetricFloor[] metrics;
    }

    /// @notice One attested-metric requirement: `attestor` must have attested `metric` of the bidder,
    /// unexpired, with a value that compares to `threshold` as `comparison` says.
    struct MetricFloor {
        address attestor;
        Comparison comparison;
        bytes32 metric;
        uint256 threshold;
    }

    /// @notice A supplier's on-chain record: one slot, written only by the escrow's transitions.
    struct SupplierRecord {
        uint32 won;
        uint32 completed;
        uint32 declined;
        uint32 refunded;
        uint32 disputesFaced;
        uint32 disputesLost;
        uint32 ratingSum;
        uint32 ratingCount;
    }

    /// @notice A buyer's on-chain record: one slot, written only by the escrow's transitions.
    struct BuyerRecord {
        uint32 posted;
        uint32 paid;
        uint32 cancelled;
        uint32 disputesOpened;
        uint32 disputesLost;
        uint32 claimsOpened;
        uint32 claimsLost;
    }

    /// @notice A registered arbitrator: its current terms and its record of rulings by side.
    struct Arbitrator {
        uint32 termsId;
        bool active;
        uint32 rulingsForBuyer;
        uint32 rulingsForSupplier;
        uint32 rulingsEven;
        uint32 timedOut;
    }

    /// @notice One version of an arbitrator's terms. Versions never change; a job keeps the one it was posted
    /// with.
    /// @param arbitrator Who rules.
    /// @param feeBps Fee each disputing party pays, in bps of the job's price (at most 1,000).
    /// @param ruleWindow Seconds the arbitrator has to rule once the supplier has answered.
    struct ArbitratorTerms {
        address arbitrator;
        uint16 feeBps;
        uint32 ruleWindow;
    }

    /// @notice A bid, known by (job, supplier): one slot. `placedAt` is when its current price was set (ties go to
    /// whoever reached a price first); `bond` drops to 0 once it is reclaimed, settled or forfeited.
    /// @dev A sealed bid: `placedAt` is its commit's sequence number in the job (1, 2, …; ties go to the lower),
    /// `unrevealed` is set from its commit until a reveal with a price in range (which sets `price`): while set, its
    /// bond is forfeit to the buyer once the reveal window ends.
    struct Bid {
        uint96 price;
        uint96 bond;
        uint40 placedAt;
        bool unrevealed;
    }

    /// @notice What the market keeps of an RFQ beside its job: one slot.
    /// @param floorsHash The first 24 bytes of keccak256(abi.encode(floors)).
    struct RFQState {
        AwardMode mode;
        uint40 awardDeadline;
        bytes24 floorsHash;
    }

    /// @notice The best bid of an RFQ so far: one slot.
    struct BestBid {
        address supplier;
        uint96 price;
    }
}
