// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IArbitratorRegistry} from "../interfaces/IArbitratorRegistry.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowFunds} from "./EscrowFunds.sol";

/// @title EscrowCore
/// @notice What the custody contract's parts share: its immutable bounds and how a job is admitted; money moves
/// through {EscrowFunds}. The job actions live in {TenderEscrow}, the bid market in {TenderMarket}, disputes in
/// {TenderArbitration}.
abstract contract EscrowCore is EscrowFunds, ITenderEscrow, ReentrancyGuardTransient {
    /// @notice Gas forwarded with a pushed ETH payment (the receiver also gets the EVM's 2,300 stipend for calls
    /// with value); a receiver needing more is credited instead.
    uint256 public constant ETH_PUSH_GAS = _ETH_PUSH_GAS;
    /// @notice Gas forwarded with a pushed ERC-20 transfer; a token (or a receiver hook it calls) needing more is
    /// credited instead.
    uint256 public constant TOKEN_PUSH_GAS = _TOKEN_PUSH_GAS;

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
    function _admit(
        Tender.Job memory job,
        address arbitrator_,
        uint32 pinnedTerms,
        Tender.Warranty calldata warranty,
        string calldata spec
    ) internal returns (uint256 jobId) {
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
        uint16 holdbackBps = warranty.holdbackBps;
        if (holdbackBps != 0) {
            // A holdback needs a warranty window in bounds; only an RFQ's bond can be held with it.
            if (holdbackBps > _MAX_HOLDBACK_BPS || (warranty.holdBond && job.flags & Tender.FLAG_DIRECT != 0)) {
                revert InvalidHoldback(holdbackBps, warranty.holdBond);
            }
            _checkWindow(warranty.warrantyWindow);
            job.flags |= Tender.FLAG_HOLDBACK;
            _warranties[jobId] = warranty;
        } else if (warranty.warrantyWindow != 0 || warranty.holdBond) {
            revert InvalidHoldback(0, warranty.holdBond);
        }
        _config.lastJobId = uint64(jobId);
        _jobs[jobId] = job;
        ++_buyerRecords[job.buyer].posted;
    }

    /// @dev Emits a posting event — `topic0(jobId indexed, buyer indexed[, supplier indexed], <posted struct>, w1, w2,
    /// w3)` — with the struct's ABI encoding copied from the calldata it was decoded from instead of encoding it again
    /// (smaller and cheaper): the bytes from `tuple` (its calldata offset) to `end`. The caller has checked that the
    /// struct's dynamic parts sit where a standard encoder puts them, so the struct's inner offsets (relative to its
    /// own start) lead a decoder of the log to exactly what the call decoded, and that `end` is the end of its last
    /// part (bytes appended after it, e.g. a wallet's data suffix, are not logged). `supplier` zero leaves the third
    /// topic out. Works past the free memory pointer, which it does not move.
    function _logPosted(
        bytes32 topic0,
        uint256 jobId,
        address supplier,
        uint256 tuple,
        uint256 end,
        uint256 w1,
        uint256 w2,
        uint256 w3
    ) internal {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, 0x80)
            mstore(add(ptr, 0x20), w1)
            mstore(add(ptr, 0x40), w2)
            mstore(add(ptr, 0x60), w3)
            let length := sub(end, tuple)
            calldatacopy(add(ptr, 0x80), tuple, length)
            switch supplier
            case 0 { log3(ptr, add(0x80, length), topic0, jobId, caller()) }
            default { log4(ptr, add(0x80, length), topic0, jobId, caller(), supplier) }
        }
    }

    /// @dev The end of a canonically placed string whose bytes start at `offset` (after its length word): its bytes
    /// padded to a whole word.
    function _paddedEnd(uint256 offset, uint256 length) internal pure returns (uint256) {
        unchecked {
            return offset + ((length + 31) & ~uint256(31)); // within the calldata, which the decoder checked
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
}
