// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITenderAdmin} from "../interfaces/ITenderAdmin.sol";
import {ITenderArbitration} from "../interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {ITenderWarranty} from "../interfaces/ITenderWarranty.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowFunds} from "../base/EscrowFunds.sol";

/// @title TenderWarranty
/// @notice Holdback and clawback on the escrow's storage: a held share's claims, waiver, voluntary return and
/// release ({ITenderWarranty}). It runs only by `delegatecall` from a {TenderEscrow} (through its admin module), so
/// the money it moves is the escrow's, under the escrow's reentrancy lock; it holds nothing itself.
contract TenderWarranty is EscrowFunds, ITenderWarranty, ReentrancyGuardTransient {
    address private immutable _self = address(this);
    uint32 private immutable _responseWindow;

    /// @dev Who gets what when a held share is paid out.
    struct Payout {
        uint256 toBuyer;
        uint256 toSupplier;
        uint256 toArbitrator;
        uint256 protocolFee;
        uint256 supplierGross;
    }

    /// @dev Only through an escrow's `delegatecall`, never on the module's own (unused) storage.
    modifier delegated() {
        if (address(this) == _self) revert ITenderAdmin.NotDelegated();
        _;
    }

    /// @param responseWindow Seconds a supplier has to answer a claim (the escrow's dispute response window): fixed
    /// with the escrow, which passes it.
    constructor(uint32 responseWindow) {
        _responseWindow = responseWindow;
    }

    /// @dev No warranty action checks a window; should one ever, the bounds are the escrow's (its admin module answers).
    function _windowBounds() internal view override returns (uint256, uint256) {
        return ITenderAdmin(address(this)).windowBounds();
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderWarranty
    function claim(uint256 jobId, uint256 payment, uint96 asked, string calldata statementURI)
        external
        payable
        override
        delegated
        nonReentrant
    {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: the buyer, once per payment, before the warranty ends, asking for part of what is held.
        address buyer = job.buyer;
        if (buyer == address(0)) revert ITenderEscrow.UnknownJob(jobId);
        if (msg.sender != buyer) revert ITenderEscrow.NotBuyer(jobId, msg.sender);
        uint256 amount = held.amount;
        uint256 bond = held.bond;
        if (amount == 0 && bond == 0) revert NothingHeld(jobId, payment);
        if (held.claim != Tender.ClaimStatus.None) revert ClaimAlreadyFiled(jobId, payment);
        uint40 endsAt = held.warrantyEndsAt;
        if (block.timestamp >= endsAt) revert ITenderEscrow.DeadlinePassed(jobId, endsAt);
        // Asking for more than is held asks for all of it: a return the supplier slipped in first (which already gave
        // the buyer that part) cannot make the claim fail.
        if (asked > amount) asked = uint96(amount);
        if (asked == 0) revert InvalidClaimAmount(asked, amount);
        uint256 fee = _claimFee(amount + bond, _terms[job.termsId].feeBps);

        // Effect: the supplier has the response window to agree or answer.
        uint40 respondBy = uint40(block.timestamp + _responseWindow);
        held.claim = Tender.ClaimStatus.Filed;
        _claims[jobId][payment] = Tender.Claim({asked: asked, deadline: respondBy, fee: uint96(fee)});
        ++_buyerRecords[buyer].claimsOpened;
        ++_claimRecords[job.supplier].claimsFaced;
        emit ClaimFiled(jobId, payment, asked, fee, statementURI, respondBy);

        // Interaction: the buyer's fee.
        _collect({token: job.token, from: msg.sender, amount: fee});
    }

    /// @inheritdoc ITenderWarranty
    function agreeClaim(uint256 jobId, uint256 payment) external override delegated nonReentrant {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: the supplier, instead of answering, before respond-by. (Once it answered, the arbitrator is at work
        // and the claim ends by its ruling or its silence.)
        Tender.Claim memory claim_ = _expectSupplierBeforeRespondBy(jobId, payment, job, held);

        // Effect and interaction: exactly the amount asked back with the buyer's fee, the bond to the supplier.
        ++_claimRecords[msg.sender].clawedBack;
        Payout memory pay;
        pay.toBuyer = claim_.asked + claim_.fee;
        pay.toSupplier = held.bond;
        _payOut(jobId, payment, job, held, claim_.asked, pay, HeldOutcome.Agreed);
    }

    /// @inheritdoc ITenderWarranty
    function answerClaim(uint256 jobId, uint256 payment, string calldata responseURI)
        external
        payable
        override
        delegated
        nonReentrant
    {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: the supplier, once, before respond-by.
        _expectSupplierBeforeRespondBy(jobId, payment, job, held);
        Tender.Claim storage claim_ = _claims[jobId][payment];

        // Effect: the arbitrator's ruling window starts.
        uint40 ruleBy = uint40(block.timestamp + _terms[job.termsId].ruleWindow);
        held.claim = Tender.ClaimStatus.Answered;
        claim_.deadline = ruleBy;
        emit ClaimAnswered(jobId, payment, responseURI, ruleBy);

        // Interaction: the supplier's fee, the same as the buyer's.
        _collect({token: job.token, from: msg.sender, amount: claim_.fee});
    }

    /// @inheritdoc ITenderWarranty
    function submitClaimEvidence(uint256 jobId, uint256 payment, string calldata evidenceURI)
        external
        override
        delegated
    {
        Tender.Job storage job = _jobs[jobId];
        if (msg.sender != job.buyer && msg.sender != job.supplier) {
            revert ITenderArbitration.NotParty(jobId, msg.sender);
        }
        Tender.ClaimStatus status = _held[jobId][payment].claim;
        if (status != Tender.ClaimStatus.Filed && status != Tender.ClaimStatus.Answered) {
            revert WrongClaimStatus(jobId, payment, Tender.ClaimStatus.Filed, status);
        }
        emit ClaimEvidence(jobId, payment, msg.sender, evidenceURI);
    }

    /// @inheritdoc ITenderWarranty
    function ruleClaim(uint256 jobId, uint256 payment, uint16 buyerShareBps, bytes32 reasonHash)
        external
        override
        delegated
        nonReentrant
    {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: the arbitrator of the job's terms, after the answer, before rule-by, with a share in range.
        address arbitrator_ = _terms[job.termsId].arbitrator;
        if (msg.sender != arbitrator_ || arbitrator_ == address(0)) {
            revert ITenderArbitration.NotArbitrator(jobId, msg.sender);
        }
        Tender.ClaimStatus status = held.claim;
        if (status != Tender.ClaimStatus.Answered) {
            revert WrongClaimStatus(jobId, payment, Tender.ClaimStatus.Answered, status);
        }
        Tender.Claim memory claim_ = _claims[jobId][payment];
        if (block.timestamp >= claim_.deadline) revert ITenderEscrow.DeadlinePassed(jobId, claim_.deadline);
        if (buyerShareBps > _BPS) revert ITenderArbitration.InvalidRuling(buyerShareBps);

        // Effect: the records, as a dispute's.
        Tender.Arbitrator storage record = _arbitrators[arbitrator_];
        uint256 fee = claim_.fee;
        Payout memory pay;
        uint256 toBuyer = uint256(claim_.asked) * buyerShareBps / _BPS;
        pay.toBuyer = toBuyer;
        if (buyerShareBps > _BPS / 2) {
            ++record.rulingsForBuyer;
            ++_claimRecords[job.supplier].clawedBack;
            pay.toBuyer += fee + held.bond;
            pay.toArbitrator = fee;
        } else {
            if (buyerShareBps < _BPS / 2) {
                ++record.rulingsForSupplier;
                ++_buyerRecords[job.buyer].claimsLost;
                pay.toSupplier = fee;
                pay.toArbitrator = fee;
            } else {
                ++record.rulingsEven;
                pay.toBuyer += fee / 2;
                pay.toSupplier = fee / 2;
                pay.toArbitrator = 2 * fee - 2 * (fee / 2);
            }
            pay.toSupplier += held.bond;
        }
        emit ClaimRuled(jobId, payment, msg.sender, buyerShareBps, reasonHash);

        _payOut(jobId, payment, job, held, toBuyer, pay, HeldOutcome.Ruled);
    }

    /// @inheritdoc ITenderWarranty
    function settleClaim(uint256 jobId, uint256 payment) external override delegated nonReentrant {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: an open claim whose deadline passed.
        Tender.ClaimStatus status = held.claim;
        if (status != Tender.ClaimStatus.Filed && status != Tender.ClaimStatus.Answered) {
            revert WrongClaimStatus(jobId, payment, Tender.ClaimStatus.Filed, status);
        }
        Tender.Claim memory claim_ = _claims[jobId][payment];
        if (block.timestamp < claim_.deadline) revert ITenderEscrow.DeadlineNotReached(jobId, claim_.deadline);

        Payout memory pay;
        if (status == Tender.ClaimStatus.Filed) {
            // Unanswered: the buyer wins the amount asked and the bond, its fee back; a clawback.
            ++_claimRecords[job.supplier].clawedBack;
            pay.toBuyer = claim_.asked + claim_.fee + held.bond;
            _payOut(jobId, payment, job, held, claim_.asked, pay, HeldOutcome.Unanswered);
        } else {
            // A silent arbitrator: the held share and bond stay the supplier's, both fees back.
            ++_arbitrators[_terms[job.termsId].arbitrator].timedOut;
            pay.toBuyer = claim_.fee;
            pay.toSupplier = claim_.fee + held.bond;
            _payOut(jobId, payment, job, held, 0, pay, HeldOutcome.Silent);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           WAIVER, RETURN, RELEASE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderWarranty
    function waive(uint256 jobId, uint256 payment) external override delegated nonReentrant {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: the buyer, with something held.
        if (msg.sender != job.buyer) revert ITenderEscrow.NotBuyer(jobId, msg.sender);
        _expectHeld(jobId, payment, held);

        // Effect and interaction: all of it to the supplier; an open claim ends for the supplier (a claim the buyer
        // lost), both fees back.
        Payout memory pay;
        pay.toSupplier = held.bond;
        Tender.ClaimStatus status = held.claim;
        if (status == Tender.ClaimStatus.Filed || status == Tender.ClaimStatus.Answered) {
            ++_buyerRecords[msg.sender].claimsLost;
            uint256 fee = _claims[jobId][payment].fee;
            pay.toBuyer = fee;
            if (status == Tender.ClaimStatus.Answered) pay.toSupplier += fee;
        }
        _payOut(jobId, payment, job, held, 0, pay, HeldOutcome.Waived);
    }

    /// @inheritdoc ITenderWarranty
    function returnHeld(uint256 jobId, uint256 payment, uint96 amount) external override delegated nonReentrant {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: the supplier, before the warranty ends, no claim open, part of what is held.
        if (msg.sender != job.supplier) revert ITenderEscrow.NotSupplier(jobId, msg.sender);
        uint40 endsAt = held.warrantyEndsAt;
        if (block.timestamp >= endsAt) revert ITenderEscrow.DeadlinePassed(jobId, endsAt);
        _expectNoOpenClaim(jobId, payment, held);
        uint96 heldAmount = held.amount;
        if (amount == 0 || amount > heldAmount) revert InvalidReturn(amount, heldAmount);

        // Effect: the held share shrinks; nothing is charged on what goes back to the buyer.
        held.amount = heldAmount - amount;
        emit HeldReturned(jobId, payment, amount);

        // Interaction
        _push(job.token, job.buyer, amount);
    }

    /// @inheritdoc ITenderWarranty
    function release(uint256 jobId, uint256 payment) external override delegated nonReentrant {
        Tender.Job storage job = _jobs[jobId];
        Tender.Held storage held = _held[jobId][payment];

        // Check: something held, no claim open, the warranty over.
        _expectHeld(jobId, payment, held);
        _expectNoOpenClaim(jobId, payment, held);
        uint40 endsAt = held.warrantyEndsAt;
        if (block.timestamp < endsAt) revert ITenderEscrow.DeadlineNotReached(jobId, endsAt);

        Payout memory pay;
        pay.toSupplier = held.bond;
        _payOut(jobId, payment, job, held, 0, pay, HeldOutcome.Released);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderWarranty
    function warrantyOf(uint256 jobId) external view override delegated returns (Tender.Warranty memory) {
        return _warranties[jobId];
    }

    /// @inheritdoc ITenderWarranty
    function heldOf(uint256 jobId, uint256 payment) external view override delegated returns (Tender.Held memory) {
        return _held[jobId][payment];
    }

    /// @inheritdoc ITenderWarranty
    function claimOf(uint256 jobId, uint256 payment) external view override delegated returns (Tender.Claim memory) {
        return _claims[jobId][payment];
    }

    /// @inheritdoc ITenderWarranty
    function claimRecord(address supplier) external view override delegated returns (Tender.ClaimRecord memory) {
        return _claimRecords[supplier];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Ends a payment's warranty: `toBuyerFromHeld` of the held share goes to the buyer, the rest to the
    /// supplier less the protocol fee (counted in its volume); `pay` brings what else each party gets (fees, bond).
    function _payOut(
        uint256 jobId,
        uint256 payment,
        Tender.Job storage job,
        Tender.Held storage held,
        uint256 toBuyerFromHeld,
        Payout memory pay,
        HeldOutcome outcome
    ) private {
        // Effect: nothing stays held; a claim, if any, has ended.
        address supplier = job.supplier;
        address token = job.token;
        uint256 supplierGross = held.amount - toBuyerFromHeld;
        held.amount = 0;
        held.bond = 0;
        if (held.claim != Tender.ClaimStatus.None) held.claim = Tender.ClaimStatus.Ended;
        uint256 fee = supplierGross * job.protocolFeeBps / _BPS;
        pay.protocolFee = fee;
        pay.supplierGross = supplierGross;
        pay.toSupplier += supplierGross - fee;
        if (supplierGross != 0) _completedVolume[supplier][token] += supplierGross;
        if (fee != 0) _protocolFees[token] += fee;
        emit HeldSettled(
            jobId, payment, outcome, pay.toBuyer, pay.toSupplier, pay.toArbitrator, pay.protocolFee, pay.supplierGross
        );

        // Interaction
        _push(token, job.buyer, pay.toBuyer);
        _push(token, supplier, pay.toSupplier);
        if (pay.toArbitrator != 0) _push(token, _terms[job.termsId].arbitrator, pay.toArbitrator);
    }

    /// @dev The job's supplier, on a claim filed and not answered, before respond-by: returns the claim.
    function _expectSupplierBeforeRespondBy(
        uint256 jobId,
        uint256 payment,
        Tender.Job storage job,
        Tender.Held storage held
    ) private view returns (Tender.Claim memory claim_) {
        if (msg.sender != job.supplier) revert ITenderEscrow.NotSupplier(jobId, msg.sender);
        Tender.ClaimStatus status = held.claim;
        if (status != Tender.ClaimStatus.Filed) revert WrongClaimStatus(jobId, payment, Tender.ClaimStatus.Filed, status);
        claim_ = _claims[jobId][payment];
        if (block.timestamp >= claim_.deadline) revert ITenderEscrow.DeadlinePassed(jobId, claim_.deadline);
    }

    function _expectHeld(uint256 jobId, uint256 payment, Tender.Held storage held) private view {
        if (held.amount == 0 && held.bond == 0) revert NothingHeld(jobId, payment);
    }

    function _expectNoOpenClaim(uint256 jobId, uint256 payment, Tender.Held storage held) private view {
        Tender.ClaimStatus status = held.claim;
        if (status == Tender.ClaimStatus.Filed || status == Tender.ClaimStatus.Answered) {
            revert ClaimOpen(jobId, payment);
        }
    }

    /// @dev The arbitrator's bps of the stake, rounded up: at least 1 unit when the bps is not zero.
    function _claimFee(uint256 stake, uint256 feeBps) private pure returns (uint256) {
        return (stake * feeBps + _BPS - 1) / _BPS;
    }
}
