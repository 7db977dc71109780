// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderAdmin
/// @notice The escrow's cold side, answered at the escrow's address by its admin module: the owner's settings
/// (fee, treasury, pause, the list of tokens new jobs may use, two-step ownership) and every view of the escrow's
/// storage. None of it can move escrowed money or change a running job.
/// @dev The owner events and errors keep OpenZeppelin's `Ownable2Step` names and signatures.
interface ITenderAdmin {
    /// @notice `account` is not the owner.
    error OwnableUnauthorizedAccount(address account);
    /// @notice The zero address cannot own the escrow.
    error OwnableInvalidOwner(address owner);
    /// @notice A module function was called on the module itself, not through the escrow.
    error NotDelegated();
    /// @notice The escrow's settings are written once, while the escrow is being constructed.
    error AlreadyInitialized();
    /// @notice The token's listing is already as asked.
    error TokenListingUnchanged(address token, bool allowed);

    /// @notice Ownership is being handed to `newOwner`, who must accept it.
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    /// @notice `newOwner` owns the escrow.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    /// @notice New jobs may (true) or may not (false) be posted in `token` from now on. Running jobs in it go on.
    event TokenAllowedSet(address indexed token, bool allowed);

    /*//////////////////////////////////////////////////////////////
                                  OWNER
    //////////////////////////////////////////////////////////////*/

    /// @notice Writes the first settings; run by the escrow's constructor only.
    /// @dev Emits {OwnershipTransferred}, {ITenderEscrow-TreasurySet}, {ITenderEscrow-ProtocolFeeSet}.
    function initialize(address initialOwner, address initialTreasury, uint16 initialFeeBps) external;

    /// @notice Sets the protocol fee for jobs posted from now on (at most the hard cap).
    /// @dev Emits {ITenderEscrow-ProtocolFeeSet}. Requirements: caller is the owner.
    function setProtocolFee(uint16 feeBps) external;

    /// @notice Sets where protocol fees are sent from now on (accrued fees included).
    /// @dev Emits {ITenderEscrow-TreasurySet}. Requirements: caller is the owner; nonzero address.
    function setTreasury(address treasury) external;

    /// @notice Pauses or resumes the posting of new jobs. Running jobs are never affected.
    /// @dev Emits {ITenderEscrow-PostingPausedSet}. Requirements: caller is the owner; the state changes.
    function setPostingPaused(bool paused) external;

    /// @notice Lists (or delists) an ERC-20 for new jobs. List only tokens that move exactly the amount asked out
    /// of the sender and into the receiver: a token that charges the sender extra on transfer would make every
    /// payout cost the escrow more than it owes. Delisting affects new posts only.
    /// @dev Emits {TokenAllowedSet}. Requirements: caller is the owner; a contract; the listing changes.
    function setTokenAllowed(address token, bool allowed) external;

    /// @notice Starts handing ownership to `newOwner` (the zero address cancels a pending handover).
    /// @dev Emits {OwnershipTransferStarted}. Requirements: caller is the owner.
    function transferOwnership(address newOwner) external;

    /// @notice The pending owner takes ownership.
    /// @dev Emits {OwnershipTransferred}. Requirements: caller is the pending owner.
    function acceptOwnership() external;

    /// @notice Always reverts: without an owner, accrued fees could not follow a treasury that stopped accepting
    /// them.
    function renounceOwnership() external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Who may change the settings.
    function owner() external view returns (address);

    /// @notice Who may accept ownership (zero if nobody).
    function pendingOwner() external view returns (address);

    /// @notice Whether new jobs may be posted in `token` (always true for ETH, address(0)).
    function tokenAllowed(address token) external view returns (bool);

    /// @notice A job as stored (all zeros for an unknown id).
    function job(uint256 jobId) external view returns (Tender.Job memory);

    /// @notice The id the last posted job got (0 before the first).
    function lastJobId() external view returns (uint256);

    /// @notice What `account` can withdraw in `token`.
    function credit(address account, address token) external view returns (uint256);

    /// @notice The fee for new jobs, in bps of the price paid to a supplier.
    function protocolFeeBps() external view returns (uint16);

    /// @notice Where protocol fees are sent.
    function treasury() external view returns (address);

    /// @notice Protocol fees accrued in `token` and not yet collected.
    function protocolFees(address token) external view returns (uint256);

    /// @notice Whether new jobs are paused.
    function postingPaused() external view returns (bool);

    /// @notice A bid (zeros if none).
    function bidOf(uint256 jobId, address supplier) external view returns (Tender.Bid memory);

    /// @notice A sealed bid's commitment until its reveal (0 before the commit, after the reveal, or once forfeited).
    function commitmentOf(uint256 jobId, address supplier) external view returns (bytes32);

    /// @notice How many sealed bids a sealed-bid RFQ has had (the last commit's sequence number).
    function commitCount(uint256 jobId) external view returns (uint256);

    /// @notice The best bid so far (zero address if none).
    function bestBid(uint256 jobId) external view returns (address supplier, uint96 price);

    /// @notice An RFQ's award mode, award deadline and floors commitment.
    function rfqOf(uint256 jobId) external view returns (Tender.RFQState memory);

    /// @notice The deployment's bounds on every window, in seconds.
    function windowBounds() external view returns (uint32 minWindow, uint32 maxWindow);

    /// @notice The registry whose attestations metric floors read.
    function supplierRegistry() external view returns (address);

    /// @notice Seconds after a lapse before anyone, not only the buyer, may cancel an RFQ.
    function cancelGracePeriod() external view returns (uint32);

    /// @notice Seconds a supplier has to answer a dispute or a warranty claim.
    function responseWindow() external view returns (uint32);

    /// @notice The module that answers at the escrow's address for what the custody contract does not implement (owner
    /// settings, the arbitrator registry, storage views). Created by the escrow's constructor; nobody can change it.
    function adminModule() external view returns (address);

    /// @notice The module that answers at the escrow's address for holdback and warranty claims
    /// ({ITenderWarranty}). Created with the escrow; nobody can change it.
    function warrantyModule() external view returns (address);

    /// @notice The module that runs jobs in milestones ({ITenderMilestones}). Named at the escrow's construction;
    /// nobody can change it.
    function milestonesModule() external view returns (address);

    /// @notice The module that answers for actions done on a signature ({ITenderSigned}). Named at the escrow's
    /// construction; nobody can change it.
    function signedModule() external view returns (address);

    /// @notice A job's milestones (all zero for a job not in milestones): how many, the one in progress, what has
    /// settled, and each one's share and delivery window.
    function milestonesOf(uint256 jobId) external view returns (Tender.Milestones memory);
}
