// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITenderAdmin} from "../interfaces/ITenderAdmin.sol";
import {ITenderArbitration} from "../interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {ITenderMilestones} from "../interfaces/ITenderMilestones.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowRulings} from "../base/EscrowRulings.sol";
import {EscrowSupplier} from "../base/EscrowSupplier.sol";

/// @title TenderMilestones
/// @notice Jobs paid in milestones, on the escrow's storage ({ITenderMilestones}): their posting, and the job
/// actions of a job whose flags say {Tender-FLAG_MILESTONES}, which the custody contract hands to this module with
/// the call as it came (same selectors, same arguments). It runs only by `delegatecall` from a {TenderEscrow}, so the
/// money it moves is the escrow's, under the escrow's reentrancy lock; it holds nothing itself.
/// @dev Deployed on its own and named in the escrow's constructor, which checks its settings and keeps its address
/// as an immutable (the escrow's creation code has no room to carry a third module under EIP-3860's limit). Its code
/// depends only on those settings (no immutable of its own address), so its deployment can be verified by rebuilding
/// it: the SDK's `verifyMilestonesModule` compares the escrow's module with this contract's creation result.
contract TenderMilestones is EscrowRulings, EscrowSupplier, ITenderMilestones, ReentrancyGuardTransient {
    uint32 private immutable _minWindow;
    uint32 private immutable _maxWindow;
    uint32 private immutable _responseWindow;

    /// @dev What a milestone in progress is worth.
    struct Part {
        uint256 index;
        bool last;
        uint256 gross;
        uint256 bond;
    }

    /// @dev Only through an escrow's `delegatecall`, never on the module's own (unused) storage: an escrow always has
    /// a treasury (its initialization and `setTreasury` refuse zero), the module's own storage never has one. (Not an
    /// immutable of the module's address: the module's code must depend only on the deployment's settings, so that
    /// anyone can rebuild it and compare it with the code the escrow names — see {TenderEscrow}'s constructor.)
    modifier delegated() {
        if (_config.treasury == address(0)) revert ITenderAdmin.NotDelegated();
        _;
    }

    /// @param minWindow The escrow's shortest window, in seconds.
    /// @param maxWindow The escrow's longest window, in seconds.
    /// @param responseWindow Seconds a supplier has to answer a milestone's dispute (the escrow's).
    constructor(uint32 minWindow, uint32 maxWindow, uint32 responseWindow) {
        _minWindow = minWindow;
        _maxWindow = maxWindow;
        _responseWindow = responseWindow;
    }

    /// @notice The deployment settings this module was built for; an escrow refuses a module whose settings are not
    /// its own.
    function settings() external view returns (uint32 minWindow, uint32 maxWindow, uint32 responseWindow) {
        return (_minWindow, _maxWindow, _responseWindow);
    }

    function _windowBounds() internal view override returns (uint256, uint256) {
        return (_minWindow, _maxWindow);
    }

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderMilestones
    function postDirectHireInMilestones(Tender.DirectHire calldata hire, Tender.Milestone[] calldata milestones)
        external
        payable
        override
        delegated
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the job, then its milestones.
        jobId = _postDirectHire(hire);
        _schedule(jobId, hire.deliveryWindow, milestones);

        // Interaction: take the price into escrow.
        _collect({token: hire.token, from: msg.sender, amount: hire.price});
    }

    /// @inheritdoc ITenderMilestones
    function postRFQInMilestones(Tender.RFQ calldata rfq, Tender.Milestone[] calldata milestones)
        external
        payable
        override
        delegated
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the RFQ, then its milestones.
        jobId = _postRFQ(rfq);
        _schedule(jobId, rfq.deliveryWindow, milestones);

        // Interaction: escrow the maximum price.
        _collect({token: rfq.token, from: msg.sender, amount: rfq.maxPrice});
    }

    /*//////////////////////////////////////////////////////////////
                     JOB ACTIONS, ON THE MILESTONE IN PROGRESS
    //////////////////////////////////////////////////////////////*/

    /// @notice {ITenderEscrow-deliver} for the milestone in progress.
    function deliver(uint256 jobId, bytes32 deliverableHash, string calldata uri) external {
        _inParts(jobId);
        _deliver(jobId, msg.sender, deliverableHash, uri);
    }

    /// @notice {ITenderEscrow-decline} of the milestone in progress: ends the job, every unsettled milestone back to
    /// the buyer.
    function decline(uint256 jobId) external nonReentrant {
        Tender.Job storage job_ = _inParts(jobId);

        // Check: the awarded supplier, before the milestone's delivery deadline.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        if (msg.sender != job_.supplier) revert ITenderEscrow.NotSupplier(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert ITenderEscrow.DeadlinePassed(jobId, job_.deadline);

        _endEarly(jobId, job_, true);
    }

    /// @notice {ITenderEscrow-refund} after the milestone in progress missed its delivery deadline: ends the job,
    /// every unsettled milestone back to the buyer.
    function refund(uint256 jobId) external nonReentrant {
        Tender.Job storage job_ = _inParts(jobId);

        // Check: the milestone's delivery deadline passed with nothing delivered.
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        if (block.timestamp < job_.deadline) revert ITenderEscrow.DeadlineNotReached(jobId, job_.deadline);

        _endEarly(jobId, job_, false);
    }

    /// @notice {ITenderEscrow-confirm} of the milestone in progress; `rating` 1–5 on the last, 0 before it.
    function confirm(uint256 jobId, uint8 rating) external nonReentrant {
        Tender.Job storage job_ = _inParts(jobId);

        // Check: the buyer, within the review window, rating only the last milestone.
        _expectStatus(jobId, job_.status, Tender.Status.Delivered);
        if (msg.sender != job_.buyer) revert ITenderEscrow.NotBuyer(jobId, msg.sender);
        if (block.timestamp >= job_.deadline) revert ITenderEscrow.DeadlinePassed(jobId, job_.deadline);
        Tender.Milestones storage ms = _milestones[jobId];
        uint256 current = ms.current;
        if (current + 1 == ms.count) {
            if (rating == 0 || rating > 5) revert ITenderEscrow.InvalidRating(rating);
        } else if (rating != 0) {
            revert RatingOnlyOnLastMilestone(current, rating);
        }

        _settlePart(jobId, job_, ms, rating);
    }

    /// @notice {ITenderEscrow-finalize} of the milestone in progress after its review window.
    function finalize(uint256 jobId) external nonReentrant {
        Tender.Job storage job_ = _inParts(jobId);

        // Check: the review window passed without a dispute.
        _expectStatus(jobId, job_.status, Tender.Status.Delivered);
        if (block.timestamp < job_.deadline) revert ITenderEscrow.DeadlineNotReached(jobId, job_.deadline);

        _settlePart(jobId, job_, _milestones[jobId], 0);
    }

    /// @notice {ITenderEscrow-dispute} of the milestone in progress: over its share, the fee the arbitrator's bps of
    /// it.
    function dispute(uint256 jobId, string calldata statementURI) external payable nonReentrant {
        Tender.Job storage job = _inParts(jobId);

        // Check: the buyer, within the review window.
        _expectStatus(jobId, job.status, Tender.Status.Delivered);
        if (msg.sender != job.buyer) revert ITenderEscrow.NotBuyer(jobId, msg.sender);
        if (block.timestamp >= job.deadline) revert ITenderEscrow.DeadlinePassed(jobId, job.deadline);
        Tender.ArbitratorTerms memory terms = _terms[job.termsId];
        uint256 fee = _grossOf(job, _milestones[jobId]) * terms.feeBps / _BPS;

        // Effect: the supplier has the response window to answer.
        uint40 respondBy = uint40(block.timestamp + _responseWindow);
        job.status = Tender.Status.Disputed;
        job.deadline = respondBy;
        ++_supplierRecords[job.supplier].disputesFaced;
        ++_buyerRecords[msg.sender].disputesOpened;
        emit ITenderArbitration.DisputeOpened(jobId, terms.arbitrator, statementURI, fee, respondBy);

        // Interaction: the buyer's fee.
        _collect({token: job.token, from: msg.sender, amount: fee});
    }

    /// @notice {ITenderArbitration-respond} to the dispute of the milestone in progress.
    function respond(uint256 jobId, string calldata responseURI) external payable nonReentrant {
        _inParts(jobId);
        // Check, effect (EscrowSupplier); interaction: the supplier's fee, the same as the buyer's.
        (address token, uint256 fee) = _respond(jobId, msg.sender, responseURI);
        _collect({token: token, from: msg.sender, amount: fee});
    }

    /// @dev A job this module runs is in milestones: its dispute is about the milestone in progress.
    function _disputeStake(uint256 jobId, Tender.Job storage job) internal view override returns (uint256) {
        return _grossOf(job, _milestones[jobId]);
    }

    /// @notice {ITenderArbitration-rule} on the dispute of the milestone in progress.
    function rule(uint256 jobId, uint16 buyerShareBps, bytes32 reasonHash) external nonReentrant {
        Tender.Job storage job = _inParts(jobId);

        // Check: the job's arbitrator, after the answer and before ruleBy, with a share in range.
        _expectStatus(jobId, job.status, Tender.Status.Disputed);
        if (msg.sender != _terms[job.termsId].arbitrator) revert ITenderArbitration.NotArbitrator(jobId, msg.sender);
        if (!job.answered) revert ITenderArbitration.NotAnswered(jobId);
        if (block.timestamp >= job.deadline) revert ITenderEscrow.DeadlinePassed(jobId, job.deadline);
        if (buyerShareBps > _BPS) revert ITenderArbitration.InvalidRuling(buyerShareBps);

        emit ITenderArbitration.Ruling(jobId, msg.sender, buyerShareBps, reasonHash);
        _resolvePart(jobId, job, buyerShareBps, Outcome.Ruled);
    }

    /// @notice {ITenderArbitration-settleDispute} of the milestone in progress.
    function settleDispute(uint256 jobId) external nonReentrant {
        Tender.Job storage job = _inParts(jobId);

        // Check: the response window (unanswered) or the ruling window (silent arbitrator) passed.
        _expectStatus(jobId, job.status, Tender.Status.Disputed);
        if (block.timestamp < job.deadline) revert ITenderEscrow.DeadlineNotReached(jobId, job.deadline);

        if (job.answered) {
            emit ITenderArbitration.DisputeDefaulted(jobId, false, job.defaultBuyerShareBps);
            _resolvePart(jobId, job, job.defaultBuyerShareBps, Outcome.Silent);
        } else {
            emit ITenderArbitration.DisputeDefaulted(jobId, true, uint16(_BPS));
            _resolvePart(jobId, job, uint16(_BPS), Outcome.Unanswered);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks and stores a schedule: 2 to 8 milestones, each with a share and a delivery window in bounds, the
    /// shares summing to 10,000 bps, the first window the job's own; marks the job as one in milestones.
    function _schedule(uint256 jobId, uint32 firstWindow, Tender.Milestone[] calldata milestones) private {
        uint256 count = milestones.length;
        if (count < 2 || count > _MAX_MILESTONES) revert InvalidMilestoneCount(count, _MAX_MILESTONES);
        if (milestones[0].deliveryWindow != firstWindow) {
            revert MilestoneWindowMismatch(firstWindow, milestones[0].deliveryWindow);
        }
        uint16[8] memory shares;
        uint32[8] memory windows;
        uint256 total;
        for (uint256 i; i < count; ++i) {
            Tender.Milestone calldata milestone = milestones[i];
            if (milestone.shareBps == 0) revert ZeroMilestoneShare(i);
            _checkWindow(milestone.deliveryWindow);
            shares[i] = milestone.shareBps;
            windows[i] = milestone.deliveryWindow;
            total += milestone.shareBps;
        }
        if (total != _BPS) revert MilestoneSharesMismatch(total);

        Tender.Milestones storage ms = _milestones[jobId];
        ms.count = uint8(count);
        ms.shareBps = shares;
        ms.deliveryWindows = windows;
        _jobs[jobId].flags |= Tender.FLAG_MILESTONES;
        emit MilestonesScheduled(jobId, milestones);
    }

    /// @dev Pays the milestone in progress by confirm or finalize (less any held share, and the protocol fee on what
    /// is paid, with its part of the bond), then opens the next milestone or settles the job.
    function _settlePart(uint256 jobId, Tender.Job storage job_, Tender.Milestones storage ms, uint8 rating) private {
        // Effect
        Part memory part = _takePart(jobId, job_, ms);
        address supplier = job_.supplier;
        address token = job_.token;
        uint256 paid = part.gross;
        uint256 bond = part.bond;
        if (job_.flags & Tender.FLAG_HOLDBACK != 0) {
            uint256 held;
            (held, bond) = _holdBack(jobId, part.index, paid, bond);
            paid -= held;
        }
        uint256 fee = paid * job_.protocolFeeBps / _BPS;
        _completedVolume[supplier][token] += paid;
        if (fee != 0) _protocolFees[token] += fee;
        paid -= fee; // what the supplier is paid now, besides its bond
        _closePart(jobId, job_, ms, part, rating, paid, fee);

        // Interaction
        _push(token, supplier, paid + bond);
    }

    /// @dev After a milestone settled by confirm or finalize: the job settles with its last milestone (the records
    /// count it once), else the next milestone opens.
    function _closePart(
        uint256 jobId,
        Tender.Job storage job_,
        Tender.Milestones storage ms,
        Part memory part,
        uint8 rating,
        uint256 toSupplier,
        uint256 fee
    ) private {
        if (!part.last) {
            emit MilestoneSettled(jobId, part.index, part.gross, toSupplier, fee, _advance(job_, ms, part));
            return;
        }
        job_.status = Tender.Status.Settled;
        Tender.SupplierRecord storage record = _supplierRecords[job_.supplier];
        ++record.completed;
        if (rating != 0) {
            record.ratingSum += rating;
            ++record.ratingCount;
        }
        ++_buyerRecords[job_.buyer].paid;
        emit MilestoneSettled(jobId, part.index, part.gross, toSupplier, fee, 0);
        emit ITenderEscrow.JobSettled(jobId, rating, toSupplier, fee);
    }

    /// @dev Ends the dispute of the milestone in progress as the outcome says: the milestone's share, the fees and its
    /// part of the bond are split as in any dispute; then the next milestone opens, or the job settles (the last), or
    /// (a dispute the supplier lost) the job ends with every unsettled milestone and the rest of the bond refunded.
    function _resolvePart(uint256 jobId, Tender.Job storage job, uint16 buyerShareBps, Outcome outcome) private {
        // Effect
        Tender.Milestones storage ms = _milestones[jobId];
        Part memory part = _takePart(jobId, job, ms);
        address token = job.token;
        Tender.ArbitratorTerms memory terms = _terms[job.termsId];
        Payout memory pay = _split(part.gross, terms.feeBps, job.protocolFeeBps, buyerShareBps, outcome);
        bool lost = buyerShareBps > _BPS / 2;
        if (lost) pay.toBuyer += part.bond;
        else pay.toSupplier += part.bond;

        _countOutcome(terms.arbitrator, job.buyer, job.supplier, buyerShareBps, outcome);
        if (pay.supplierShare != 0) _completedVolume[job.supplier][token] += pay.supplierShare;
        if (pay.protocolFee != 0) _protocolFees[token] += pay.protocolFee;
        emit ITenderArbitration.DisputeSettled(jobId, pay.toBuyer, pay.toSupplier, pay.toArbitrator);
        _closeDisputedPart(jobId, job, ms, part, pay, lost);

        // Interaction
        _push(token, job.buyer, pay.toBuyer);
        _push(token, job.supplier, pay.toSupplier);
        _push(token, terms.arbitrator, pay.toArbitrator);
    }

    /// @dev After a milestone's dispute ended: the job settles with its last milestone; a dispute the supplier lost
    /// ends it, the unsettled milestones and the rest of the bond added to the buyer's payout; else the next
    /// milestone opens.
    function _closeDisputedPart(
        uint256 jobId,
        Tender.Job storage job,
        Tender.Milestones storage ms,
        Part memory part,
        Payout memory pay,
        bool lost
    ) private {
        if (part.last) {
            job.status = Tender.Status.Settled;
            if (pay.supplierShare != 0) {
                ++_supplierRecords[job.supplier].completed;
                ++_buyerRecords[job.buyer].paid;
            }
            emit MilestoneSettled(jobId, part.index, part.gross, pay.supplierNet, pay.protocolFee, 0);
            emit ITenderEscrow.JobSettled(jobId, 0, pay.supplierNet, pay.protocolFee);
        } else if (lost) {
            emit MilestoneSettled(jobId, part.index, part.gross, pay.supplierNet, pay.protocolFee, 0);
            job.status = Tender.Status.Refunded;
            address supplier = job.supplier;
            uint256 rest = job.price - ms.settled - part.gross;
            uint256 bondLeft = _takeWinnerBond(jobId, supplier);
            ++_supplierRecords[supplier].refunded;
            emit ITenderEscrow.JobRefunded(jobId, false, rest, bondLeft);
            pay.toBuyer += rest + bondLeft;
        } else {
            emit MilestoneSettled(
                jobId, part.index, part.gross, pay.supplierNet, pay.protocolFee, _advance(job, ms, part)
            );
        }
    }

    /// @dev Ends the job before its last milestone settled (a decline or a missed delivery deadline): every
    /// unsettled milestone goes back to the buyer with the rest of the winner's bond. The supplier's record counts
    /// it once it had won the job (an RFQ's award; a direct hire's first delivery).
    function _endEarly(uint256 jobId, Tender.Job storage job_, bool declined) private {
        // Effect
        job_.status = Tender.Status.Refunded;
        Tender.Milestones storage ms = _milestones[jobId];
        uint256 rest = job_.price - ms.settled;
        address supplier = job_.supplier;
        uint256 bond;
        if (job_.flags & Tender.FLAG_DIRECT == 0 || ms.current != 0) {
            bond = _takeWinnerBond(jobId, supplier);
            Tender.SupplierRecord storage record = _supplierRecords[supplier];
            if (declined) ++record.declined;
            else ++record.refunded;
        }
        emit ITenderEscrow.JobRefunded(jobId, declined, rest, bond);

        // Interaction
        _push(job_.token, job_.buyer, rest + bond);
    }

    /// @dev Opens the milestone after `part`: the job is Awarded again, its delivery window from now. Returns the
    /// new delivery deadline.
    function _advance(Tender.Job storage job_, Tender.Milestones storage ms, Part memory part)
        private
        returns (uint40 deliverBy)
    {
        uint256 next = part.index + 1;
        uint32 window = ms.deliveryWindows[next];
        deliverBy = uint40(block.timestamp + window);
        job_.status = Tender.Status.Awarded;
        job_.deadline = deliverBy;
        job_.answered = false;
        job_.deliveryWindow = window;
        ms.current = uint8(next);
        ms.settledBps += ms.shareBps[part.index];
        ms.settled += uint96(part.gross);
    }

    /// @dev The milestone in progress: its index, whether it is the last, its gross share of the price, and its part
    /// of the winner's bond, which leaves the bond's books now.
    function _takePart(uint256 jobId, Tender.Job storage job_, Tender.Milestones storage ms)
        private
        returns (Part memory part)
    {
        part.index = ms.current;
        part.last = part.index + 1 == ms.count;
        part.gross = _grossOf(job_, ms);
        if (job_.flags & Tender.FLAG_DIRECT != 0) return part;
        Tender.Bid storage bid_ = _bids[jobId][job_.supplier];
        uint256 left = bid_.bond;
        if (left == 0) return part;
        part.bond = part.last ? left : left * ms.shareBps[part.index] / (_BPS - ms.settledBps);
        bid_.bond = uint96(left - part.bond);
    }

    /// @dev The job, which must be one in milestones: the custody contract hands only those to this module, and the
    /// module's own storage has none (nothing can post there), so this also keeps a direct call off the module.
    function _inParts(uint256 jobId) private view returns (Tender.Job storage job_) {
        job_ = _jobs[jobId];
        if (job_.flags & Tender.FLAG_MILESTONES == 0) {
            revert ITenderAdmin.NotDelegated();
        }
    }
}
