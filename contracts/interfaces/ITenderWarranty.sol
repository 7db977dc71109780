// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderWarranty
/// @notice Holdback and clawback, answered at the escrow's address by its warranty module. A job posted with a
/// holdback keeps ⌊gross × holdbackBps / 10,000⌋ of each payment that settles by confirm or finalize (never after a
/// dispute) under a warranty that runs `warrantyWindow` seconds from that settlement
/// ({ITenderEscrow-PaymentHeld}). Until it ends the buyer may file one claim against the held share, waive it, or
/// the supplier may return part of it; at or after its end anyone releases what is held to the supplier.
/// @dev A payment is addressed by (job id, payment index); a plain job has one payment, index 0. Money flows, with
/// fee = ⌈stake × the arbitrator's fee bps / 10,000⌉ (terms fixed at posting) and stake = the held share plus the
/// bond held with it, paid by each side that takes part, in the job's token:
/// - agreed (the supplier, instead of answering, before respond-by): the amount asked to the buyer with its fee
///   back; the arbitrator gets nothing; the rest to the supplier with the held bond; a clawback;
/// - unanswered (no answer before respond-by): anyone settles; the amount asked and the held bond to the buyer, its
///   fee back; the rest to the supplier; a clawback;
/// - ruled (the arbitrator, after the answer, before rule-by): the buyer gets ⌊asked × bps / 10,000⌋, the supplier
///   the rest of the held share; fees and the held bond follow the ruling as in a dispute (above 5,000 the buyer's
///   side wins: a clawback; below, a claim the buyer lost; at 5,000 each gets ⌊fee / 2⌋ back);
/// - silent arbitrator (no ruling before rule-by): anyone settles; the whole held share and bond to the supplier,
///   both fees back; the arbitrator's record counts a time-out;
/// - waived (the buyer, at any time while something is held): all of it to the supplier, an open claim ending for
///   the supplier (a claim the buyer lost) with both fees back.
/// When a claim ends, whatever of the held share the buyer did not get is paid to the supplier at once (one claim per
/// payment: nothing is left to claim). Every part of the held share that reaches the supplier is charged the
/// protocol fee at the job's posted rate and counts in its completed volume; nothing given back to the buyer is.
interface ITenderWarranty {
    /// @notice How a payment's held share was paid out.
    enum HeldOutcome {
        Released,
        Waived,
        Agreed,
        Ruled,
        Unanswered,
        Silent
    }

    /// @notice Nothing is held for this payment (no holdback, or already paid out).
    error NothingHeld(uint256 jobId, uint256 payment);
    /// @notice A payment takes one claim, and this one has had it.
    error ClaimAlreadyFiled(uint256 jobId, uint256 payment);
    /// @notice A claim must ask for more than nothing, of a held share that is not zero.
    error InvalidClaimAmount(uint256 asked, uint256 held);
    /// @notice A claim is open on this payment: it must end first.
    error ClaimOpen(uint256 jobId, uint256 payment);
    /// @notice The call needs a claim in another state.
    error WrongClaimStatus(uint256 jobId, uint256 payment, Tender.ClaimStatus expected, Tender.ClaimStatus actual);
    /// @notice The amount returned must be above 0 and at most the held share.
    error InvalidReturn(uint256 amount, uint256 held);

    /// @notice The buyer claimed `asked` of the held share and paid `fee`; the supplier must agree or answer before
    /// `respondBy`.
    event ClaimFiled(
        uint256 indexed jobId, uint256 indexed payment, uint256 asked, uint256 fee, string statementURI, uint40 respondBy
    );
    /// @notice The supplier answered the claim and paid its fee; the arbitrator must rule before `ruleBy`.
    event ClaimAnswered(uint256 indexed jobId, uint256 indexed payment, string responseURI, uint40 ruleBy);
    /// @notice A party added evidence to the claim.
    event ClaimEvidence(uint256 indexed jobId, uint256 indexed payment, address indexed party, string evidenceURI);
    /// @notice The arbitrator ruled the claim: `buyerShareBps` of the amount asked to the buyer.
    event ClaimRuled(
        uint256 indexed jobId, uint256 indexed payment, address indexed arbitrator, uint16 buyerShareBps, bytes32 reasonHash
    );
    /// @notice The supplier gave back `amount` of the held share of its own accord.
    event HeldReturned(uint256 indexed jobId, uint256 indexed payment, uint256 amount);
    /// @notice A payment's held share (and bond) left the escrow: what each party received in all (the held share,
    /// fees back or earned, the bond), the protocol fee on the supplier's part, and that part gross (what its volume
    /// counted).
    event HeldSettled(
        uint256 indexed jobId,
        uint256 indexed payment,
        HeldOutcome outcome,
        uint256 toBuyer,
        uint256 toSupplier,
        uint256 toArbitrator,
        uint256 protocolFee,
        uint256 supplierGross
    );

    /// @notice The buyer claims `asked` of a payment's held share, before its warranty ends, paying the claim fee
    /// (ETH as value, ERC-20 approved). Asking for more than is held asks for all of it.
    /// @dev Emits {ClaimFiled} (with the amount asked, capped). Requirements: caller is the buyer; something held; no
    /// claim filed on this payment before; before `warrantyEndsAt`; asked > 0 and a held share > 0.
    function claim(uint256 jobId, uint256 payment, uint96 asked, string calldata statementURI) external payable;

    /// @notice The supplier agrees to the claim: the amount asked goes back to the buyer, the rest to the supplier.
    /// @dev Emits {HeldSettled} (Agreed). Requirements: caller is the supplier; a claim filed and not answered;
    /// before respond-by.
    function agreeClaim(uint256 jobId, uint256 payment) external;

    /// @notice The supplier answers the claim, paying the same fee as the buyer; the arbitrator's ruling window starts.
    /// @dev Emits {ClaimAnswered}. Requirements: caller is the supplier; a claim filed, not answered; before respond-by.
    function answerClaim(uint256 jobId, uint256 payment, string calldata responseURI) external payable;

    /// @notice Either party adds evidence to an open claim.
    /// @dev Emits {ClaimEvidence}. Requirements: caller is the buyer or the supplier; a claim filed or answered.
    function submitClaimEvidence(uint256 jobId, uint256 payment, string calldata evidenceURI) external;

    /// @notice The job's arbitrator rules a split of the amount asked.
    /// @dev Emits {ClaimRuled} and {HeldSettled} (Ruled). Requirements: caller is the arbitrator of the job's terms; the
    /// claim answered; before rule-by; bps ≤ 10,000.
    function ruleClaim(uint256 jobId, uint256 payment, uint16 buyerShareBps, bytes32 reasonHash) external;

    /// @notice Anyone ends a claim whose deadline passed: unanswered, the buyer wins it; answered and not ruled, the
    /// supplier keeps the held share.
    /// @dev Emits {HeldSettled} (Unanswered or Silent). Requirements: a claim filed or answered; at or after its
    /// deadline.
    function settleClaim(uint256 jobId, uint256 payment) external;

    /// @notice The buyer gives up its warranty on a payment: what is held goes to the supplier now; an open claim ends
    /// for the supplier, both fees back.
    /// @dev Emits {HeldSettled} (Waived). Requirements: caller is the buyer; something held.
    function waive(uint256 jobId, uint256 payment) external;

    /// @notice The supplier returns `amount` of the held share to the buyer of its own accord; the held share shrinks.
    /// @dev Emits {HeldReturned}. Requirements: caller is the supplier; before `warrantyEndsAt`; no claim open;
    /// 0 < amount ≤ held.
    function returnHeld(uint256 jobId, uint256 payment, uint96 amount) external;

    /// @notice Anyone pays a payment's held share and bond to the supplier once its warranty has ended.
    /// @dev Emits {HeldSettled} (Released). Requirements: something held; no claim open; at or after
    /// `warrantyEndsAt`.
    function release(uint256 jobId, uint256 payment) external;

    /// @notice The holdback and warranty a job was posted with (all zero for none).
    function warrantyOf(uint256 jobId) external view returns (Tender.Warranty memory);

    /// @notice What is held of a payment, with its bond, warranty end and claim status.
    function heldOf(uint256 jobId, uint256 payment) external view returns (Tender.Held memory);

    /// @notice A payment's claim: the amount asked, its deadline and each side's fee.
    function claimOf(uint256 jobId, uint256 payment) external view returns (Tender.Claim memory);

    /// @notice A supplier's warranty counters: claims faced, and claims clawed back (lost or agreed to).
    function claimRecord(address supplier) external view returns (Tender.ClaimRecord memory);
}
