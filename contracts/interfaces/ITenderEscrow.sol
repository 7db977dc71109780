// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderEscrow
/// @notice The one contract that holds Tender's money: it escrows each job's price, settles it along the job's
/// state machine, pays out (push with a fallback to a withdrawable credit), and keeps the reputation counters.
/// @dev Time: "before T" means block.timestamp < T, "after T" means block.timestamp >= T. This is the custody
/// contract's own face; its owner settings, arbitrator registry and storage views are answered at the same address
/// by its admin module ({ITenderAdmin}, {IArbitratorRegistry}, {IReputation}); {ITender} is the whole face.
interface ITenderEscrow {
    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice No job has this id.
    error UnknownJob(uint256 jobId);
    /// @notice The job is not in the status this call needs.
    error WrongStatus(uint256 jobId, Tender.Status expected, Tender.Status actual);
    /// @notice Only the job's buyer may do this.
    error NotBuyer(uint256 jobId, address caller);
    /// @notice Only the job's supplier may do this.
    error NotSupplier(uint256 jobId, address caller);
    /// @notice Too late: the call had to come before `deadline`.
    error DeadlinePassed(uint256 jobId, uint256 deadline);
    /// @notice Too early: the call may only come at or after `deadline`.
    error DeadlineNotReached(uint256 jobId, uint256 deadline);
    /// @notice A window is outside the deployment's bounds.
    error WindowOutOfRange(uint256 window, uint256 min, uint256 max);
    /// @notice The split used when the arbitrator stays silent may give the buyer at most 5,000 bps.
    error DefaultSplitTooHigh(uint16 buyerShareBps);
    /// @notice A job's price must be above zero.
    error ZeroPrice();
    /// @notice The supplier must be a nonzero address other than the buyer.
    error InvalidSupplier(address supplier);
    /// @notice The arbitrator may not be a party to the job.
    error ArbitratorIsParty(address arbitrator);
    /// @notice The spec is empty.
    error EmptySpec();
    /// @notice The spec is larger than the protocol allows.
    error SpecTooLarge(uint256 length, uint256 maxLength);
    /// @notice The ETH sent does not match what the call needs (0 for an ERC-20 job).
    error WrongEthValue(uint256 sent, uint256 expected);
    /// @notice The token address has no code.
    error TokenNotContract(address token);
    /// @notice The token delivered a different amount than asked (fee-on-transfer tokens are refused).
    error TokenAmountMismatch(address token, uint256 expected, uint256 received);
    /// @notice A rating is a whole number from 1 to 5.
    error InvalidRating(uint8 rating);
    /// @notice The caller has no credit in this token.
    error NothingToWithdraw(address account, address token);
    /// @notice Withdrawals need a nonzero recipient.
    error InvalidRecipient(address to);
    /// @notice Sending ETH to `to` failed.
    error EthTransferFailed(address to, uint256 amount);
    /// @notice The protocol fee is above its hard cap.
    error ProtocolFeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    /// @notice The treasury must be a nonzero address.
    error InvalidTreasury(address treasury);
    /// @notice New jobs are paused.
    error PostingPaused();
    /// @notice The pause is already in the requested state.
    error PauseUnchanged(bool paused);
    /// @notice The deployment's window bounds are inconsistent.
    error InvalidWindowBounds(uint32 minWindow, uint32 maxWindow);
    /// @notice A delivery needs a nonzero hash and a URI.
    error EmptyDeliverable();
    /// @notice The owner cannot renounce: someone must be able to move the treasury.
    error OwnershipCannotBeRenounced();
    /// @notice New jobs may not be posted in `token`: it is not on the list of tokens known to behave (ETH always is).
    error TokenNotAllowed(address token);
    /// @notice The arbitrator's terms in force (`current`) are not the ones the poster pinned.
    error ArbitratorTermsChanged(address arbitrator, uint32 pinned, uint32 current);
    /// @notice Too little gas is left to give a pushed payment its whole bound: send the transaction with more gas
    /// (only a receiver's own behaviour may turn its payment into a credit).
    error PushGasTooLow(uint256 needed, uint256 left);
    /// @notice A holdback is at most 5,000 bps with a warranty window in bounds; none means a zero window; only an
    /// RFQ's bond can be held with it.
    error InvalidHoldback(uint16 holdbackBps, bool holdBond);
    /// @notice The post's calldata does not place the struct's parts where the ABI's standard encoding does (every
    /// encoder in use does): its posting event, copied from it, could not be read back.
    error NonCanonicalPost();
    /// @notice The escrow's constructor was given a module that is not a contract built for its settings.
    error InvalidModule(address module);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A buyer hired a supplier directly and escrowed the price. Carries the whole spec; the stored spec
    /// hash is keccak256 of `hire.spec`'s bytes.
    /// @param deliverBy Timestamp before which the supplier must deliver.
    /// @param termsId The arbitrator's terms the job keeps.
    /// @param protocolFeeBps The protocol fee the job keeps.
    event DirectHirePosted(
        uint256 indexed jobId,
        address indexed buyer,
        address indexed supplier,
        Tender.DirectHire hire,
        uint40 deliverBy,
        uint32 termsId,
        uint16 protocolFeeBps
    );
    /// @notice The job's supplier delivered. The buyer may confirm or dispute before `reviewEndsAt`; after it,
    /// anyone may finalize.
    event JobDelivered(uint256 indexed jobId, bytes32 deliverableHash, string uri, uint40 reviewEndsAt);
    /// @notice The job's price was released. Whatever of it is neither `toSupplier` nor `protocolFee` went back to
    /// the buyer (only a dispute gives the buyer a share) or is held under warranty ({PaymentHeld}). Bonds and dispute fees are not in these figures: a
    /// winner's bond goes back with its payment, and a dispute's full payouts are in
    /// {ITenderArbitration-DisputeSettled}.
    /// @param rating The buyer's 1–5 rating when it confirmed; 0 when finalized after the review window, ruled or
    /// settled by default.
    /// @param toSupplier The supplier's part of the price paid now, after the protocol fee.
    /// @param protocolFee What the protocol accrued for its treasury.
    event JobSettled(uint256 indexed jobId, uint8 rating, uint256 toSupplier, uint256 protocolFee);
    /// @notice Part of a payment (and of the winner's bond) stays in escrow under warranty until `warrantyEndsAt`
    /// ({ITenderWarranty}); the job's {JobSettled} figures leave it out.
    /// @param payment The payment's index (0 for a job paid at once).
    /// @param held The gross price share held (the protocol fee is charged on what of it reaches the supplier).
    /// @param heldBond The part of the winner's bond held with it.
    event PaymentHeld(uint256 indexed jobId, uint256 indexed payment, uint256 held, uint256 heldBond, uint40 warrantyEndsAt);
    /// @notice The buyer got its money back: the supplier declined, or let the delivery deadline pass.
    /// @param declined True when the supplier declined; false when it missed the deadline.
    /// @param toBuyer The escrowed price returned to the buyer.
    /// @param bondToBuyer The supplier's bond forfeited to the buyer (RFQ jobs; 0 for a direct hire).
    event JobRefunded(uint256 indexed jobId, bool declined, uint256 toBuyer, uint256 bondToBuyer);
    /// @notice A push to `account` failed, so the amount was credited for it to withdraw.
    event PaymentCredited(address indexed account, address indexed token, uint256 amount);
    /// @notice `account` withdrew its credit in `token` to `to`.
    event Withdrawn(address indexed account, address indexed token, address to, uint256 amount);
    /// @notice Accrued protocol fees in `token` were sent to the treasury.
    event ProtocolFeesCollected(address indexed token, address treasury, uint256 amount);
    /// @notice The protocol fee for jobs posted from now on changed.
    event ProtocolFeeSet(uint16 feeBps);
    /// @notice Protocol fees go to `treasury` from now on.
    event TreasurySet(address treasury);
    /// @notice New jobs were paused (true) or allowed again (false).
    event PostingPausedSet(bool paused);

    /*//////////////////////////////////////////////////////////////
                               JOB ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Hires `hire.supplier` for `hire.price` and escrows the price, in one transaction. The job starts
    /// Awarded with a deadline of now + `hire.deliveryWindow`.
    /// @dev Emits {DirectHirePosted}. Requirements: posting not paused; supplier nonzero and not the caller; price
    /// above 0 and within uint96; both windows within bounds; default split at most 5,000 bps; spec 1 byte to
    /// 8 KiB; arbitrator registered, active and neither party; ETH jobs send exactly `price`, ERC-20 jobs send no
    /// ETH, have approved `price`, and the token delivers exactly `price`.
    /// @return jobId The new job's id (ids start at 1).
    function postDirectHire(Tender.DirectHire calldata hire) external payable returns (uint256 jobId);

    /// @notice The supplier hands over the work: a hash of the deliverable and where to fetch it.
    /// @dev Emits {JobDelivered}. Requirements: Awarded; caller is the supplier; before the delivery deadline; a
    /// nonzero hash and a nonempty URI.
    function deliver(uint256 jobId, bytes32 deliverableHash, string calldata uri) external;

    /// @notice The supplier gives the job back before delivering; the buyer is refunded in full. A bidder that
    /// declines an award forfeits its bond to the buyer; a direct hire's decline writes nothing to the record.
    /// @dev Emits {JobRefunded}. Requirements: Awarded; caller is the supplier; before the delivery deadline.
    function decline(uint256 jobId) external;

    /// @notice The buyer accepts the delivery with a 1–5 rating; the supplier is paid (minus the protocol fee).
    /// @dev Emits {JobSettled}. Requirements: Delivered; caller is the buyer; before the review window ends.
    function confirm(uint256 jobId, uint8 rating) external;

    /// @notice Anyone releases the payment once the review window has passed without a dispute.
    /// @dev Emits {JobSettled}. Requirements: Delivered; at or after the end of the review window.
    function finalize(uint256 jobId) external;

    /// @notice Anyone refunds the buyer once the delivery deadline has passed with nothing delivered.
    /// @dev Emits {JobRefunded}. Requirements: Awarded; at or after the delivery deadline.
    function refund(uint256 jobId) external;

    /// @notice The buyer disputes the delivery before the review window ends, paying the arbitrator's fee (the
    /// job's price × the fee bps of the terms the job was posted with) in the job's token. The supplier then has
    /// the response window to answer; see {ITenderArbitration}.
    /// @dev Emits {ITenderArbitration-DisputeOpened}. Requirements: Delivered; caller is the buyer; before the end
    /// of the review window; the fee paid (ETH as value, ERC-20 approved).
    function dispute(uint256 jobId, string calldata statementURI) external payable;

    /// @notice Sends the caller's whole credit in `token` (address(0) = ETH) to `to`.
    /// @dev Emits {Withdrawn}. Requirements: a nonzero credit; the transfer succeeds.
    /// @return amount What was sent.
    function withdraw(address token, address to) external returns (uint256 amount);

    /// @notice Sends the protocol fees accrued in `token` to the treasury. Anyone may call it.
    /// @dev Emits {ProtocolFeesCollected}. Requirements: a nonzero accrual; the transfer succeeds.
    /// @return amount What was sent.
    function collectProtocolFees(address token) external returns (uint256 amount);
}
