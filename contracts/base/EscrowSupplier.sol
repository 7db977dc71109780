// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ITenderArbitration} from "../interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../interfaces/ITenderMarket.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowFunds} from "./EscrowFunds.sol";

/// @title EscrowSupplier
/// @notice The actions a supplier (or any holder of a credit) takes without sending value, written once for whoever
/// acts: the caller of a plain call ({TenderEscrow}, {TenderMarket}, {TenderMilestones}), or the verified signer of
/// a signed one ({TenderSigned}). Each takes the `actor` it checks against the job.
abstract contract EscrowSupplier is EscrowFunds {
    /// @dev Delivers the job's work (or the milestone in progress): the awarded supplier, in time, with something to
    /// review. A direct hire counts as won with its (first) delivery; a bid's win was counted at its award. Makes no
    /// external call.
    function _deliver(uint256 jobId, address actor, bytes32 deliverableHash, string calldata uri) internal {
        Tender.Job storage job_ = _jobs[jobId];

        // Check
        _expectStatus(jobId, job_.status, Tender.Status.Awarded);
        address supplier = job_.supplier;
        if (actor != supplier) revert ITenderEscrow.NotSupplier(jobId, actor);
        if (block.timestamp >= job_.deadline) revert ITenderEscrow.DeadlinePassed(jobId, job_.deadline);
        if (deliverableHash == bytes32(0) || bytes(uri).length == 0) revert ITenderEscrow.EmptyDeliverable();

        // Effect: the review window starts.
        uint40 reviewEndsAt = uint40(block.timestamp) + job_.reviewWindow;
        uint8 flags = job_.flags;
        job_.status = Tender.Status.Delivered;
        job_.deadline = reviewEndsAt;
        if (
            flags & Tender.FLAG_DIRECT != 0
                && (flags & Tender.FLAG_MILESTONES == 0 || _milestones[jobId].current == 0)
        ) ++_supplierRecords[supplier].won;
        emit ITenderEscrow.JobDelivered(jobId, deliverableHash, uri, reviewEndsAt);
    }

    /// @dev What a dispute on the job is about, and so what each side's fee is a share of: the price of a job paid at
    /// once, the milestone in progress's part of a job in milestones. Each contract answers for the jobs it runs.
    function _disputeStake(uint256 jobId, Tender.Job storage job) internal view virtual returns (uint256);

    /// @dev Answers the dispute on the job (of the milestone in progress, for a job in milestones) for `actor`: the
    /// supplier, once, before respond-by; the ruling window starts. Returns the job's token and the fee the caller
    /// takes from `actor` (after this, as the interaction): the arbitrator's bps of the dispute's stake, as the buyer
    /// paid.
    function _respond(uint256 jobId, address actor, string calldata responseURI)
        internal
        returns (address token, uint256 fee)
    {
        Tender.Job storage job = _jobs[jobId];

        // Check: the supplier, once, before respondBy.
        _expectStatus(jobId, job.status, Tender.Status.Disputed);
        if (actor != job.supplier) revert ITenderEscrow.NotSupplier(jobId, actor);
        if (job.answered) revert ITenderArbitration.AlreadyAnswered(jobId);
        if (block.timestamp >= job.deadline) revert ITenderEscrow.DeadlinePassed(jobId, job.deadline);
        Tender.ArbitratorTerms memory terms = _terms[job.termsId];

        // Effect: the ruling window starts.
        uint40 ruleBy = uint40(block.timestamp + terms.ruleWindow);
        job.answered = true;
        job.deadline = ruleBy;
        emit ITenderArbitration.DisputeAnswered(jobId, responseURI, ruleBy);
        return (job.token, _disputeStake(jobId, job) * terms.feeBps / _BPS);
    }

    /// @dev The gross share of the price the milestone in progress pays: ⌊price × share / 10,000⌋, the last the rest.
    function _grossOf(Tender.Job storage job_, Tender.Milestones storage ms) internal view returns (uint256) {
        uint256 current = ms.current;
        if (current + 1 == ms.count) return job_.price - ms.settled;
        return uint256(job_.price) * ms.shareBps[current] / _BPS;
    }

    /// @dev Lowers `actor`'s open bid to `price`; the new price counts from now (ties go to whoever reached a price
    /// first). Makes no external call.
    function _improveBid(uint256 jobId, address actor, uint96 price) internal {
        Tender.Job storage job = _jobs[jobId];

        // Check
        _expectStatus(jobId, job.status, Tender.Status.Open);
        if (block.timestamp >= job.deadline) revert ITenderMarket.BiddingClosed(jobId, job.deadline);
        Tender.Bid storage bid_ = _bids[jobId][actor];
        uint96 current = bid_.price;
        if (current == 0) revert ITenderMarket.NoBid(jobId, actor);
        if (price == 0 || price >= current) revert ITenderMarket.NotAnImprovement(jobId, price, current);

        // Effect
        bid_.price = price;
        bid_.placedAt = uint40(block.timestamp);
        emit ITenderMarket.BidImproved(jobId, actor, price, _lead(jobId, actor, price));
    }

    /// @dev Makes `supplier` the best bid if it is the first or strictly lower than the best.
    function _lead(uint256 jobId, address supplier, uint96 price) internal returns (bool) {
        Tender.BestBid storage best = _best[jobId];
        if (best.supplier == supplier) {
            best.price = price;
            return true;
        }
        if (best.supplier != address(0) && price >= best.price) return false;
        _best[jobId] = Tender.BestBid({supplier: supplier, price: price});
        return true;
    }

    /// @dev Returns `actor`'s bond on a job that was cancelled or went to someone else, unless it is a sealed bid never
    /// revealed. The caller holds the lock.
    function _reclaimBond(uint256 jobId, address actor) internal {
        Tender.Job storage job = _jobs[jobId];
        Tender.Bid storage bid_ = _bids[jobId][actor];

        // Check
        uint96 bond = bid_.bond;
        Tender.Status status = job.status;
        bool lost = status != Tender.Status.Open && actor != job.supplier;
        if (bond == 0 || !(status == Tender.Status.Cancelled || lost)) {
            revert ITenderMarket.BondNotReclaimable(jobId, actor);
        }
        // A sealed bid never revealed does not come back: its bond goes to the buyer ({ITenderSealed-forfeitBond}).
        if (bid_.unrevealed) revert ITenderMarket.BondForfeit(jobId, actor);

        // Effect
        bid_.bond = 0;
        emit ITenderMarket.BondReclaimed(jobId, actor, bond);

        // Interaction
        _push(job.token, actor, bond);
    }

    /// @dev Sends `actor`'s whole credit in `token` to `to`. The caller holds the lock.
    function _withdraw(address actor, address token, address to) internal returns (uint256 amount) {
        // Check
        if (to == address(0) || to == address(this)) revert ITenderEscrow.InvalidRecipient(to);
        amount = _credits[actor][token];
        if (amount == 0) revert ITenderEscrow.NothingToWithdraw(actor, token);

        // Effect
        delete _credits[actor][token];
        emit ITenderEscrow.Withdrawn(actor, token, to, amount);

        // Interaction: the actor asked for this transfer, so a failure reverts and only blocks the actor.
        _send(token, to, amount);
    }
}
