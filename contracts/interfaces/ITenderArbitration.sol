// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ITenderArbitration
/// @notice Disputes, in the spirit of ERC-792 / ERC-1497. The escrow never calls out to an arbitrator: the
/// arbitrator (a person, a multisig or a court contract) watches these events and calls {rule}.
/// @dev Money flows, with fee = the job's price × the arbitrator's fee bps (terms fixed at posting), paid by each
/// side in the job's token:
/// - unanswered (no response before respondBy): anyone settles at 10,000 bps to the buyer; the buyer gets its fee
///   back and the supplier's bond; a loss for the supplier;
/// - ruled: the buyer gets floor(price × bps / 10,000), the supplier the rest minus the protocol fee; the bond goes
///   to the buyer if bps > 5,000, else back to the supplier; the winner's fee is refunded and the loser's goes to
///   the arbitrator; at exactly 5,000 each side gets floor(fee / 2) back and the arbitrator keeps the remainder;
///   above 5,000 a loss for the supplier, below a loss for the buyer;
/// - silent arbitrator (no ruling before ruleBy): anyone settles at the job's default split; fees and bond go
///   back to whoever paid them; nobody's record counts a loss; the arbitrator's record counts a time-out.
interface ITenderArbitration {
    /// @notice Only the job's arbitrator may rule.
    error NotArbitrator(uint256 jobId, address caller);
    /// @notice Only the job's buyer or supplier may add evidence.
    error NotParty(uint256 jobId, address caller);
    /// @notice A ruling gives the buyer at most 10,000 bps.
    error InvalidRuling(uint16 buyerShareBps);
    /// @notice The supplier answered this dispute already.
    error AlreadyAnswered(uint256 jobId);
    /// @notice The arbitrator rules only once the supplier has answered.
    error NotAnswered(uint256 jobId);

    /// @notice The buyer disputed the delivery and paid `fee`; the supplier must answer before `respondBy`.
    event DisputeOpened(
        uint256 indexed jobId, address indexed arbitrator, string statementURI, uint256 fee, uint40 respondBy
    );
    /// @notice The supplier answered and paid its fee; the arbitrator must rule before `ruleBy`.
    event DisputeAnswered(uint256 indexed jobId, string responseURI, uint40 ruleBy);
    /// @notice A party added evidence (ERC-1497's Evidence, with the job id as the dispute id).
    event Evidence(uint256 indexed jobId, address indexed party, string evidenceURI);
    /// @notice The arbitrator ruled (ERC-792's Ruling).
    event Ruling(uint256 indexed jobId, address indexed arbitrator, uint16 buyerShareBps, bytes32 reasonHash);
    /// @notice A dispute ended and paid out: what each party received in all (its share of the price, fees back or
    /// earned, the bond).
    event DisputeSettled(uint256 indexed jobId, uint256 toBuyer, uint256 toSupplier, uint256 toArbitrator);
    /// @notice The dispute was settled by default: unanswered (`unanswered` true, 10,000 bps to the buyer) or the
    /// arbitrator stayed silent (the job's default split).
    event DisputeDefaulted(uint256 indexed jobId, bool unanswered, uint16 buyerShareBps);

    /// @notice The supplier answers the dispute, paying the same fee, before respondBy.
    /// @dev Emits {DisputeAnswered}. Requirements: Disputed; caller is the supplier; not answered; before
    /// respondBy; the fee paid (ETH as value, ERC-20 approved).
    function respond(uint256 jobId, string calldata responseURI) external payable;

    /// @notice Either party adds evidence while the dispute runs.
    /// @dev Emits {Evidence}. Requirements: Disputed; caller is the buyer or the supplier.
    function submitEvidence(uint256 jobId, string calldata evidenceURI) external;

    /// @notice The job's arbitrator rules `buyerShareBps` (0–10,000) of the price to the buyer, before ruleBy.
    /// @dev Emits {Ruling}, {DisputeSettled} and {JobSettled}. Requirements: Disputed and answered; caller is the arbitrator named in
    /// the job's terms (retired or not); before ruleBy; at most 10,000 bps.
    function rule(uint256 jobId, uint16 buyerShareBps, bytes32 reasonHash) external;

    /// @notice Anyone settles a dispute whose response window (unanswered) or ruling window (silent arbitrator)
    /// passed.
    /// @dev Emits {DisputeDefaulted}, {DisputeSettled} and {JobSettled}. Requirements: Disputed; at or after respondBy (unanswered)
    /// or ruleBy (answered).
    function settleDispute(uint256 jobId) external;
}
