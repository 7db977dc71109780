// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {Tender} from "../types/Tender.sol";

/// @title EscrowState
/// @notice What every part of the escrow shares: its storage, its bounds, how a job is admitted, and how money
/// comes in and goes out. The job actions live in {TenderEscrow}, the bid market in {TenderMarket}.
abstract contract EscrowState is ITenderEscrow, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

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
    /// @notice Gas forwarded with a pushed ETH payment (the receiver also gets the EVM's 2,300 stipend for calls
    /// with value); a receiver needing more is credited instead.
    uint256 public constant ETH_PUSH_GAS = 10_000;

    uint256 internal constant _BPS = 10_000;

    uint32 internal immutable _minWindow;
    uint32 internal immutable _maxWindow;

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

    constructor(address initialTreasury, uint16 initialFeeBps, uint32 minWindow, uint32 maxWindow) {
        if (minWindow == 0 || minWindow > maxWindow) revert InvalidWindowBounds(minWindow, maxWindow);
        if (initialTreasury == address(0)) revert InvalidTreasury(initialTreasury);
        if (initialFeeBps > MAX_PROTOCOL_FEE_BPS) revert ProtocolFeeTooHigh(initialFeeBps, MAX_PROTOCOL_FEE_BPS);
        _minWindow = minWindow;
        _maxWindow = maxWindow;
        _config = Config({treasury: initialTreasury, feeBps: initialFeeBps, paused: false, lastJobId: 0});
        emit TreasurySet(initialTreasury);
        emit ProtocolFeeSet(initialFeeBps);
    }

    /*//////////////////////////////////////////////////////////////
                              ADMITTING JOBS
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks what every job states, fills in what the protocol fixes at posting (spec hash, arbitrator
    /// terms, protocol fee), stores the job under a new id and counts the posting. The caller has set the parties,
    /// the status, the deadline, the windows, the token, the price and the default split in `job`.
    function _admit(Tender.Job memory job, address arbitrator_, string calldata spec) internal returns (uint256 jobId) {
        Config memory config = _config;
        if (config.paused) revert PostingPaused();
        if (job.price == 0) revert ZeroPrice();
        _checkWindow(job.deliveryWindow);
        _checkWindow(job.reviewWindow);
        if (job.defaultBuyerShareBps > MAX_DEFAULT_BUYER_SHARE_BPS) {
            revert DefaultSplitTooHigh(job.defaultBuyerShareBps);
        }
        job.specHash = _hashSpec(spec);
        job.termsId = _activeTermsOf(arbitrator_, job.buyer, job.supplier);
        job.protocolFeeBps = config.feeBps;

        jobId = config.lastJobId + 1;
        _config.lastJobId = uint64(jobId);
        _jobs[jobId] = job;
        ++_buyerRecords[job.buyer].posted;
    }

    /*//////////////////////////////////////////////////////////////
                                  MONEY
    //////////////////////////////////////////////////////////////*/

    /// @dev Takes `amount` of `token` from `from` into escrow; ETH must come as exactly msg.value. Tokens that
    /// deliver less (or more) than asked are refused.
    function _collect(address token, address from, uint256 amount) internal {
        if (token == ETH) {
            if (msg.value != amount) revert WrongEthValue(msg.value, amount);
            return;
        }
        if (msg.value != 0) revert WrongEthValue(msg.value, 0);
        if (amount == 0) return;
        if (token.code.length == 0) revert TokenNotContract(token);
        IERC20 erc20 = IERC20(token);
        uint256 balanceBefore = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = erc20.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert TokenAmountMismatch(token, amount, received);
    }

    /// @dev Pushes a payment; if the receiver or the token refuses it, credits it for a later {withdraw}, so no
    /// receiver can block a settlement. ETH goes with a bounded stipend and its return data is ignored.
    function _push(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        bool ok;
        if (token == ETH) {
            uint256 stipend = ETH_PUSH_GAS;
            assembly ("memory-safe") {
                ok := call(stipend, to, amount, 0, 0, 0, 0)
            }
        } else {
            ok = IERC20(token).trySafeTransfer(to, amount);
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit PaymentCredited(to, token, amount);
        }
    }

    /// @dev Sends with all gas and reverts on failure: for transfers the receiver asked for.
    function _send(address token, address to, uint256 amount) internal {
        if (token == ETH) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(gas(), to, amount, 0, 0, 0, 0)
            }
            if (!ok) revert EthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @dev The terms a new job keeps: the named arbitrator's current ones, if it is active and not a party.
    function _activeTermsOf(address account, address buyer, address supplier) internal view returns (uint32) {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[account];
        if (!arbitrator_.active) revert ArbitratorNotActive(account);
        if (account == buyer || account == supplier) revert ArbitratorIsParty(account);
        return arbitrator_.termsId;
    }

    function _hashSpec(string calldata spec) internal pure returns (bytes32) {
        uint256 length = bytes(spec).length;
        if (length == 0) revert EmptySpec();
        if (length > MAX_SPEC_BYTES) revert SpecTooLarge(length, MAX_SPEC_BYTES);
        return keccak256(bytes(spec));
    }

    function _checkWindow(uint256 window) internal view {
        if (window < _minWindow || window > _maxWindow) revert WindowOutOfRange(window, _minWindow, _maxWindow);
    }

    function _expectStatus(uint256 jobId, Tender.Status actual, Tender.Status expected) internal pure {
        if (actual == expected) return;
        if (actual == Tender.Status.None) revert UnknownJob(jobId);
        revert WrongStatus(jobId, expected, actual);
    }
}
