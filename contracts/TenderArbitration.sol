// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ITenderArbitration} from "./interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "./interfaces/ITenderEscrow.sol";
import {Tender} from "./types/Tender.sol";
import {TenderMarket} from "./TenderMarket.sol";

/// @title TenderArbitration
/// @notice Disputes, inside the escrow that holds the money: the buyer disputes a delivery, the supplier answers,
/// both add evidence, the job's arbitrator rules a split; an unanswered dispute or a silent arbitrator ends by
/// default, so no dispute can hold money forever. See {ITenderArbitration}.
abstract contract TenderArbitration is TenderMarket, ITenderArbitration {
    uint32 private immutable _responseWindow;

    /// @dev A job in milestones is handed to the milestones module ({TenderEscrow}).
    modifier inParts(uint256 jobId) virtual;

    /// @param responseWindow_ Seconds a supplier has to answer a dispute.
    constructor(uint32 responseWindow_) {
        _checkWindow(responseWindow_);
        _responseWindow = responseWindow_;
    }

    /// @inheritdoc ITenderEscrow
    function dispute(uint256 jobId, string calldata statementURI)
        external
        payable
        override
        inParts(jobId)
        nonReentrant
    {
        Tender.Job storage job = _jobs[jobId];

        // Check: the buyer, within the review window.
        _expectStatus(jobId, job.status, Tender.Status.Delivered);
        if (msg.sender != job.buyer) revert NotBuyer(jobId, msg.sender);
        if (block.timestamp >= job.deadline) revert DeadlinePassed(jobId, job.deadline);
        Tender.ArbitratorTerms memory terms = _terms[job.termsId];
        uint256 fee = uint256(job.price) * terms.feeBps / _BPS;

        // Effect: the supplier has the response window to answer.
        uint40 respondBy = uint40(block.timestamp + _responseWindow);
        job.status = Tender.Status.Disputed;
        job.deadline = respondBy;
        ++_supplierRecords[job.supplier].disputesFaced;
        ++_buyerRecords[msg.sender].disputesOpened;
        emit DisputeOpened(jobId, terms.arbitrator, statementURI, fee, respondBy);

        // Interaction: the buyer's fee.
        _collect({token: job.token, from: msg.sender, amount: fee});
    }

    /// @inheritdoc ITenderArbitration
    function respond(uint256 jobId, string calldata responseURI)
        external
        payable
        override
        inParts(jobId)
        nonReentrant
    {
        // Check, effect (EscrowSupplier); interaction: the supplier's fee, the same as the buyer's.
        (address token, uint256 fee) = _respond(jobId, msg.sender, responseURI);
        _collect({token: token, from: msg.sender, amount: fee});
    }

    /// @dev A job this contract runs is paid at once (inParts hands a job in milestones on): its dispute is about its
    /// price.
    function _disputeStake(uint256, Tender.Job storage job) internal view override returns (uint256) {
        return job.price;
    }

    /// @inheritdoc ITenderArbitration
    function submitEvidence(uint256 jobId, string calldata evidenceURI) external override {
        Tender.Job storage job = _jobs[jobId];
        _expectStatus(jobId, job.status, Tender.Status.Disputed);
        if (msg.sender != job.buyer && msg.sender != job.supplier) revert NotParty(jobId, msg.sender);
        emit Evidence(jobId, msg.sender, evidenceURI);
    }

    /// @inheritdoc ITenderArbitration
    function rule(uint256 jobId, uint16 buyerShareBps, bytes32 reasonHash)
        external
        override
        inParts(jobId)
        nonReentrant
    {
        Tender.Job storage job = _jobs[jobId];

        // Check: the job's arbitrator, after the answer and before ruleBy, with a share in range.
        _expectStatus(jobId, job.status, Tender.Status.Disputed);
        address arbitrator_ = _terms[job.termsId].arbitrator;
        if (msg.sender != arbitrator_) revert NotArbitrator(jobId, msg.sender);
        if (!job.answered) revert NotAnswered(jobId);
        if (block.timestamp >= job.deadline) revert DeadlinePassed(jobId, job.deadline);
        if (buyerShareBps > _BPS) revert InvalidRuling(buyerShareBps);

        emit Ruling(jobId, msg.sender, buyerShareBps, reasonHash);
        _resolve(jobId, job, buyerShareBps, Outcome.Ruled);
    }

    /// @inheritdoc ITenderArbitration
    function settleDispute(uint256 jobId) external override inParts(jobId) nonReentrant {
        Tender.Job storage job = _jobs[jobId];

        // Check: the response window (unanswered) or the ruling window (silent arbitrator) passed.
        _expectStatus(jobId, job.status, Tender.Status.Disputed);
        if (block.timestamp < job.deadline) revert DeadlineNotReached(jobId, job.deadline);

        if (job.answered) {
            emit DisputeDefaulted(jobId, false, job.defaultBuyerShareBps);
            _resolve(jobId, job, job.defaultBuyerShareBps, Outcome.Silent);
        } else {
            emit DisputeDefaulted(jobId, true, uint16(_BPS));
            _resolve(jobId, job, uint16(_BPS), Outcome.Unanswered);
        }
    }

    /// @dev Splits the price, the fees and the bond as the outcome says, writes the records and pays everyone.
    function _resolve(uint256 jobId, Tender.Job storage job, uint16 buyerShareBps, Outcome outcome) private {
        // Effect
        job.status = Tender.Status.Settled;
        address buyer = job.buyer;
        address supplier = job.supplier;
        address token = job.token;
        Tender.ArbitratorTerms memory terms = _terms[job.termsId];
        Payout memory pay = _split(job.price, terms.feeBps, job.protocolFeeBps, buyerShareBps, outcome);
        uint256 bond = job.flags & Tender.FLAG_DIRECT != 0 ? 0 : _takeWinnerBond(jobId, supplier);
        if (buyerShareBps > _BPS / 2) pay.toBuyer += bond;
        else pay.toSupplier += bond;

        _countOutcome(terms.arbitrator, buyer, supplier, buyerShareBps, outcome);
        if (pay.supplierShare != 0) {
            ++_supplierRecords[supplier].completed;
            _completedVolume[supplier][token] += pay.supplierShare;
            ++_buyerRecords[buyer].paid;
        }
        if (pay.protocolFee != 0) _protocolFees[token] += pay.protocolFee;
        emit DisputeSettled(jobId, pay.toBuyer, pay.toSupplier, pay.toArbitrator);
        emit JobSettled(jobId, 0, pay.supplierNet, pay.protocolFee);

        // Interaction
        _push(token, buyer, pay.toBuyer);
        _push(token, supplier, pay.toSupplier);
        _push(token, terms.arbitrator, pay.toArbitrator);
    }
}
