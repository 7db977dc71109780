// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {Tender} from "../types/Tender.sol";

/// @title EscrowState
/// @notice The storage of one Tender escrow and the constants every part of it shares. The custody contract
/// ({TenderEscrow}, through {EscrowCore}) and its modules ({TenderAdmin}, {TenderWarranty}) inherit this and nothing else that holds
/// storage, so that a module run by `delegatecall` sees exactly the custody contract's layout.
/// @dev Add storage only here, and only at the end: every part must agree on every slot.
abstract contract EscrowState {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The token address that stands for native ETH.
    address public constant ETH = address(0);
    /// @notice Hard cap on the protocol fee: 5%.
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 500;
    /// @notice Hard cap on an arbitrator's fee: 10%.
    uint16 public constant MAX_ARBITRATOR_FEE_BPS = 1_000;
    /// @notice The split used when an arbitrator stays silent gives the buyer at most half.
    uint16 public constant MAX_DEFAULT_BUYER_SHARE_BPS = 5_000;
    /// @notice Largest spec carried in a posting event: 8 KiB.
    uint256 public constant MAX_SPEC_BYTES = 8_192;

    uint256 internal constant _BPS = 10_000;
    /// @dev The largest share of a payment a job may hold under warranty: half.
    uint256 internal constant _MAX_HOLDBACK_BPS = 5_000;
    /// @dev Most milestones a job may be posted in.
    uint256 internal constant _MAX_MILESTONES = 8;
    /// @dev The smallest bond a sealed-bid RFQ may ask, in bps of its maximum price: without a bond, a bidder could
    /// commit under several names and reveal only the one that best undercuts the others.
    uint256 internal constant _MIN_SEALED_BOND_BPS = 500;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev The configuration every posting reads, and the job counter it bumps, in one slot.
    struct Config {
        address treasury;
        uint16 feeBps;
        bool paused;
        uint64 lastJobId;
    }

    Config internal _config;
    uint32 internal _lastTermsId;

    mapping(uint256 jobId => Tender.Job) internal _jobs;
    mapping(address account => mapping(address token => uint256 amount)) internal _credits;
    mapping(address token => uint256 amount) internal _protocolFees;
    mapping(address supplier => Tender.SupplierRecord) internal _supplierRecords;
    mapping(address buyer => Tender.BuyerRecord) internal _buyerRecords;
    mapping(address supplier => mapping(address token => uint256 amount)) internal _completedVolume;
    mapping(address account => Tender.Arbitrator) internal _arbitrators;
    mapping(uint32 termsId => Tender.ArbitratorTerms) internal _terms;

    mapping(uint256 jobId => Tender.RFQState) internal _rfqs;
    mapping(uint256 jobId => Tender.BestBid) internal _best;
    mapping(uint256 jobId => mapping(address supplier => Tender.Bid)) internal _bids;

    address internal _owner;
    address internal _pendingOwner;
    mapping(address token => bool allowed) internal _tokenAllowed;

    mapping(uint256 jobId => Tender.Warranty) internal _warranties;
    mapping(uint256 jobId => mapping(uint256 payment => Tender.Held)) internal _held;
    mapping(uint256 jobId => mapping(uint256 payment => Tender.Claim)) internal _claims;
    mapping(address supplier => Tender.ClaimRecord) internal _claimRecords;

    mapping(uint256 jobId => Tender.Milestones) internal _milestones;

    /// @dev Each signer's unordered nonces for signed actions: bit `nonce & 255` of word `nonce >> 8` is set once used.
    mapping(address signer => mapping(uint256 word => uint256 bits)) internal _nonces;

    /// @dev A sealed-bid RFQ's commits so far (the last commit's sequence number).
    mapping(uint256 jobId => uint256 count) internal _commits;
    /// @dev A sealed bid's commitment until its reveal (deleted then).
    mapping(uint256 jobId => mapping(address supplier => bytes32 commitment)) internal _commitments;

    /// @dev Answers the whole call with `module`'s code run on this contract's storage (`delegatecall`), passing on
    /// its return data or its revert as they came. Memory-safe: it works past the free memory pointer (which it does
    /// not move) and ends the call there.
    function _forward(address module) internal {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let ok := delegatecall(gas(), module, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(ok) { revert(ptr, returndatasize()) }
            return(ptr, returndatasize())
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @dev The deployment's window bounds: immutables of the custody contract.
    function _windowBounds() internal view virtual returns (uint256 minWindow, uint256 maxWindow);

    function _checkWindow(uint256 window) internal view {
        (uint256 minWindow, uint256 maxWindow) = _windowBounds();
        if (window < minWindow || window > maxWindow) {
            revert ITenderEscrow.WindowOutOfRange(window, minWindow, maxWindow);
        }
    }
}
