// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IArbitratorRegistry} from "../interfaces/IArbitratorRegistry.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowState} from "./EscrowState.sol";

/// @title EscrowCore
/// @notice What the custody contract's parts share: its immutable bounds, how a job is admitted, and how money
/// comes in and goes out. The job actions live in {TenderEscrow}, the bid market in {TenderMarket}, disputes in
/// {TenderArbitration}.
abstract contract EscrowCore is EscrowState, ITenderEscrow, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Gas forwarded with a pushed ETH payment (the receiver also gets the EVM's 2,300 stipend for calls
    /// with value); a receiver needing more is credited instead.
    uint256 public constant ETH_PUSH_GAS = 10_000;
    /// @notice Gas forwarded with a pushed ERC-20 transfer; a token (or a receiver hook it calls) needing more is
    /// credited instead. 100,000 covers proxied, blocklisting stablecoins (USDC's FiatTokenProxy and USDT move
    /// funds to a new holder in under 65,000) and bounds what a hostile receiver hook can burn per push.
    uint256 public constant TOKEN_PUSH_GAS = 100_000;
    /// @dev What a CALL may cost before it forwards gas: a cold account (2,600), a value transfer (9,000) and a new
    /// account (25,000); plus the opcodes between the check and the call.
    uint256 private constant _ETH_CALL_COST = 36_600 + 400;
    uint256 private constant _TOKEN_CALL_COST = 2_600 + 400;

    uint32 internal immutable _minWindow;
    uint32 internal immutable _maxWindow;

    constructor(uint32 minWindow, uint32 maxWindow) {
        if (minWindow == 0 || minWindow > maxWindow) revert InvalidWindowBounds(minWindow, maxWindow);
        _minWindow = minWindow;
        _maxWindow = maxWindow;
    }

    function _windowBounds() internal view override returns (uint256, uint256) {
        return (_minWindow, _maxWindow);
    }

    /*//////////////////////////////////////////////////////////////
                              ADMITTING JOBS
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks what every job states, fills in what the protocol fixes at posting (spec hash, arbitrator
    /// terms, protocol fee), stores the job under a new id and counts the posting. The caller has set the parties,
    /// the status, the deadline, the windows, the token, the price and the default split in `job`.
    function _admit(Tender.Job memory job, address arbitrator_, uint32 pinnedTerms, string calldata spec)
        internal
        returns (uint256 jobId)
    {
        Config memory config = _config;
        if (config.paused) revert PostingPaused();
        if (job.price == 0) revert ZeroPrice();
        if (job.token != ETH && !_tokenAllowed[job.token]) revert TokenNotAllowed(job.token);
        _checkWindow(job.deliveryWindow);
        _checkWindow(job.reviewWindow);
        if (job.defaultBuyerShareBps > MAX_DEFAULT_BUYER_SHARE_BPS) {
            revert DefaultSplitTooHigh(job.defaultBuyerShareBps);
        }
        job.specHash = _hashSpec(spec);
        job.termsId = _activeTermsOf(arbitrator_, pinnedTerms, job.buyer, job.supplier);
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
    /// deliver less (or more) than asked are refused. A job's token is a contract: it was listed to be posted.
    function _collect(address token, address from, uint256 amount) internal {
        if (token == ETH) {
            if (msg.value != amount) revert WrongEthValue(msg.value, amount);
            return;
        }
        if (msg.value != 0) revert WrongEthValue(msg.value, 0);
        if (amount == 0) return;
        IERC20 erc20 = IERC20(token);
        uint256 balanceBefore = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = erc20.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert TokenAmountMismatch(token, amount, received);
    }

    /// @dev Pushes a payment with a bounded amount of gas; if the receiver or the token refuses it (or needs more
    /// gas), credits it for a later {withdraw}, so no receiver can block a settlement or make it dear. Return data
    /// is never copied beyond one word. The caller must leave enough gas for the whole bound, so only the
    /// receiver's own behaviour can turn its payment into a credit.
    function _push(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        bool ok;
        if (token == ETH) {
            _reserve(ETH_PUSH_GAS, _ETH_CALL_COST);
            assembly ("memory-safe") {
                ok := call(ETH_PUSH_GAS, to, amount, 0, 0, 0, 0)
            }
        } else {
            _reserve(TOKEN_PUSH_GAS, _TOKEN_CALL_COST);
            assembly ("memory-safe") {
                let m := mload(0x40)
                mstore(m, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
                mstore(add(m, 0x04), and(to, 0xffffffffffffffffffffffffffffffffffffffff))
                mstore(add(m, 0x24), amount)
                ok := call(TOKEN_PUSH_GAS, token, 0, m, 0x44, 0, 0x20)
                // As SafeERC20: no return data from a contract, or exactly `true`.
                ok := and(ok, or(and(iszero(returndatasize()), gt(extcodesize(token), 0)), and(gt(returndatasize(), 31), eq(mload(0), 1))))
            }
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit PaymentCredited(to, token, amount);
        }
    }

    /// @dev Reverts unless a call forwarding `bound` gas would get all of it under EIP-150's 63/64 rule.
    function _reserve(uint256 bound, uint256 callCost) private view {
        uint256 needed = bound + bound / 63 + callCost;
        uint256 left = gasleft();
        if (left < needed) revert PushGasTooLow(needed, left);
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

    /// @dev The terms a new job keeps: the named arbitrator's current ones, if it is active, not a party, and its
    /// terms are the ones the poster pinned.
    function _activeTermsOf(address account, uint32 pinned, address buyer, address supplier)
        internal
        view
        returns (uint32 termsId)
    {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[account];
        if (!arbitrator_.active) revert IArbitratorRegistry.ArbitratorNotActive(account);
        if (account == buyer || account == supplier) revert ArbitratorIsParty(account);
        termsId = arbitrator_.termsId;
        if (termsId != pinned) revert ArbitratorTermsChanged(account, pinned, termsId);
    }

    function _hashSpec(string calldata spec) internal pure returns (bytes32) {
        uint256 length = bytes(spec).length;
        if (length == 0) revert EmptySpec();
        if (length > MAX_SPEC_BYTES) revert SpecTooLarge(length, MAX_SPEC_BYTES);
        return keccak256(bytes(spec));
    }

    function _expectStatus(uint256 jobId, Tender.Status actual, Tender.Status expected) internal pure {
        if (actual == expected) return;
        if (actual == Tender.Status.None) revert UnknownJob(jobId);
        revert WrongStatus(jobId, expected, actual);
    }

    /// @dev The winner's bond leaves the market's books when its job ends: back to the winner on payment, to the
    /// buyer on a decline or non-delivery, and after a dispute to the buyer above 5,000 bps, else to the winner.
    function _takeWinnerBond(uint256 jobId, address winner) internal returns (uint256 bond) {
        Tender.Bid storage bid_ = _bids[jobId][winner];
        bond = bid_.bond;
        if (bond != 0) bid_.bond = 0;
    }
}
