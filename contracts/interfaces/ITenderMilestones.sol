// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderMilestones
/// @notice Jobs paid in milestones, posted at the escrow's address and run by its milestones module. A job in
/// milestones is a direct hire or an RFQ whose price is paid in 2 to 8 parts: milestone i pays
/// ⌊price × shareBps[i] / 10,000⌋ (for an RFQ, of the winning price), the last the remainder. Each milestone runs
/// the life of a job through the escrow's usual actions, which act on the milestone in progress
/// ({Tender.Milestones-current}): `deliver` before its delivery deadline, then `confirm` (a rating only on the
/// last: 0 before it) or `finalize` after the review window, or `dispute` over its share (the fees are the
/// arbitrator's bps of that share) with `respond`, `rule` and `settleDispute` as for any job. A milestone that
/// settles opens the next one, whose delivery window runs from that settlement; the last one settles the job.
/// @dev The winner's bond (RFQs) stakes each milestone in proportion to its share of what is left: milestone i's
/// part is ⌊bond left × shareBps[i] / shares left⌋ (the last takes what is left), paid back with the milestone (held
/// with it under a warranty that holds the bond) or to the buyer with a lost dispute. A decline, a missed delivery
/// deadline, or a milestone dispute the supplier loses (ruled above 5,000 bps, or unanswered) ends the job: every
/// unsettled milestone is refunded to the buyer with the rest of the bond ({ITenderEscrow-JobRefunded}). Under a
/// holdback each milestone's held share is payment `i` of the warranty ({ITenderWarranty}) and keeps its own
/// warranty whatever happens to later milestones. Records: an RFQ's `won` at the award, a direct hire's when its
/// first milestone is delivered; `completed` and the buyer's `paid` once, when the last milestone settles; the
/// supplier's `declined` / `refunded` when a job it won ends early; dispute counters per milestone dispute; the
/// completed volume counts each part the supplier is paid.
interface ITenderMilestones {
    /// @notice A schedule must have 2 to `max` milestones.
    error InvalidMilestoneCount(uint256 count, uint256 max);
    /// @notice Every milestone must have a share of the price.
    error ZeroMilestoneShare(uint256 index);
    /// @notice The milestones' shares must sum to 10,000 bps.
    error MilestoneSharesMismatch(uint256 totalBps);
    /// @notice The job's `deliveryWindow` must be its first milestone's.
    error MilestoneWindowMismatch(uint32 deliveryWindow, uint32 firstMilestoneWindow);
    /// @notice A rating is given when the last milestone is confirmed; before it, confirm with 0.
    error RatingOnlyOnLastMilestone(uint256 milestone, uint8 rating);

    /// @notice A job was posted in milestones (after its {ITenderEscrow-DirectHirePosted} or
    /// {ITenderMarket-RFQPosted}).
    event MilestonesScheduled(uint256 indexed jobId, Tender.Milestone[] milestones);
    /// @notice A milestone settled: by confirm or finalize (then `gross` − any held share, less `protocolFee`, went to
    /// the supplier as `toSupplier`), or by a dispute's outcome ({ITenderArbitration-DisputeSettled} before it says
    /// who got what). `nextDeliverBy` is the next milestone's delivery deadline, 0 when the job ended with it.
    event MilestoneSettled(
        uint256 indexed jobId,
        uint256 indexed milestone,
        uint256 gross,
        uint256 toSupplier,
        uint256 protocolFee,
        uint40 nextDeliverBy
    );

    /// @notice Hires `hire.supplier` at a fixed price paid in `milestones` (shares summing to 10,000 bps; the first's
    /// delivery window must be `hire.deliveryWindow`). Otherwise as {ITenderEscrow-postDirectHire}.
    function postDirectHireInMilestones(Tender.DirectHire calldata hire, Tender.Milestone[] calldata milestones)
        external
        payable
        returns (uint256 jobId);

    /// @notice Posts an RFQ whose winning price is paid in `milestones` (the first's delivery window must be
    /// `rfq.deliveryWindow`). Otherwise as {ITenderMarket-postRFQ}.
    function postRFQInMilestones(Tender.RFQ calldata rfq, Tender.Milestone[] calldata milestones)
        external
        payable
        returns (uint256 jobId);
}
