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
        BuyerChoice
    }

    /// @notice Direction of an attested-metric floor.
    enum Comparison {
        /// The attested value must be at least the threshold (e.g. a benchmark score).
        AtLeast,
        /// The attested value must be at most the threshold (e.g. a latency).
        AtMost
    }

    /// @notice A job as the escrow stores it: four slots.
    /// @dev `deadline` means what the status says: the bid deadline while Open, deliver-by while Awarded, end of the review window while
    /// Delivered, respond-by then (once `answered`) rule-by while Disputed. The arbitrator and its fee and ruling window are
    /// read through `termsId`, the arbitrator's terms in force when the job was posted. 
    struct Job {
        // slot 0: what every transition reads
        address supplier;
        Status status;
        uint40 deadline;
        uint32 reviewWindow;
        bool direct;
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
        bytes32 category;
        string spec;
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
        bytes32 category;
        Floors floors;
        string spec;
    }

    /// @notice Qualification floors of an RFQ, checked when a supplier bids.
    /// @param minCompleted Minimum jobs completed.
    /// @param minVolume Minimum volume completed in the job's token.
    /// @param maxLossShareBps Maximum share of faced disputes lost, in bps (10,000 = no limit).
    /// @param minAvgRating Minimum average rating × 100 (e.g. 450 = 4.5); 0 = no floor. A supplier with no rating
    /// fails it.
    /// @param minRatings Minimum number of ratings received.
    /// @param bondBps Bond the bidder posts, in bps of the job's maximum price.
    /// @param metrics Up to 8 attested-metric requirements.
    struct Floors {
        uint32 minCompleted;
        uint128 minVolume;
        uint16 maxLossShareBps;
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
    /// whoever reached a price first); `bond` drops to 0 once it is reclaimed or settled.
    struct Bid {
        uint96 price;
        uint96 bond;
        uint40 placedAt;
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
