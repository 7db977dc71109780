// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitratorRegistry} from "../interfaces/IArbitratorRegistry.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../interfaces/ITenderMarket.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowFunds} from "./EscrowFunds.sol";

/// @title EscrowPosting
/// @notice How a job is posted, shared by the custody contract ({TenderEscrow}: plain jobs) and the milestones module
/// ({TenderMilestones}: jobs in parts), so both admit jobs by one source: the checks every job states, what the
/// protocol fixes at posting, the job's storage, and its posting event copied from the calldata. The price is
/// collected by the caller, after this.
abstract contract EscrowPosting is EscrowFunds {
    /// @dev Most metric floors an RFQ may name.
    uint256 internal constant _MAX_METRIC_FLOORS = 8;
    /// @dev A DirectHire's ABI head: eight words, the Warranty's three inline, the category and the spec's offset.
    uint256 private constant _HIRE_HEAD = 13 * 32;
    /// @dev ABI sizes of the RFQ's parts: the RFQ's head (ten words, the Warranty's three inline, the category, the
    /// floors' and the spec's offsets), the floors' head (seven words and the metrics' offset), one metric floor.
    uint256 private constant _RFQ_HEAD = 16 * 32;
    uint256 private constant _FLOORS_HEAD = 8 * 32;
    uint256 private constant _METRIC_SIZE = 4 * 32;

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks, stores and logs a direct hire (it starts Awarded); the caller collects the price.
    function _postDirectHire(Tender.DirectHire calldata hire) internal returns (uint256 jobId) {
        // Check: a supplier other than the buyer; _admit checks the rest.
        if (hire.supplier == address(0) || hire.supplier == msg.sender) {
            revert ITenderEscrow.InvalidSupplier(hire.supplier);
        }

        // Effect: the job starts Awarded; the buyer has posted one more job.
        uint40 deliverBy = uint40(block.timestamp + hire.deliveryWindow);
        Tender.Job memory job_ = Tender.Job({
            supplier: hire.supplier,
            status: Tender.Status.Awarded,
            deadline: deliverBy,
            reviewWindow: hire.reviewWindow,
            flags: Tender.FLAG_DIRECT,
            answered: false,
            buyer: msg.sender,
            price: hire.price,
            token: hire.token,
            termsId: 0,
            deliveryWindow: hire.deliveryWindow,
            protocolFeeBps: 0,
            defaultBuyerShareBps: hire.defaultBuyerShareBps,
            specHash: bytes32(0)
        });
        jobId = _admit(job_, hire.arbitrator, hire.arbitratorTermsId, hire.warranty, hire.spec);
        // emit DirectHirePosted(jobId, msg.sender, hire.supplier, hire, deliverBy, termsId, protocolFeeBps), from the
        // calldata: the spec, the struct's one dynamic part, must follow its 13-word head (and its length word).
        string calldata spec = hire.spec;
        uint256 tuple;
        uint256 specAt;
        assembly ("memory-safe") {
            tuple := hire
            specAt := spec.offset
        }
        unchecked {
            // Within the calldata, which the decoder checked.
            if (specAt != tuple + _HIRE_HEAD + 32) revert ITenderEscrow.NonCanonicalPost();
        }
        _logPosted(
            ITenderEscrow.DirectHirePosted.selector,
            jobId,
            hire.supplier,
            tuple,
            _paddedEnd(specAt, bytes(spec).length),
            deliverBy,
            job_.termsId,
            job_.protocolFeeBps
        );
    }

    /// @dev Checks, stores and logs an RFQ (it opens for bids); the caller collects the maximum price.
    function _postRFQ(Tender.RFQ calldata rfq) internal returns (uint256 jobId) {
        // Check: the deadlines and floors; _admit checks the rest.
        if (rfq.bidDeadline <= block.timestamp) {
            (uint256 minWindow, uint256 maxWindow) = _windowBounds();
            revert ITenderEscrow.WindowOutOfRange(0, minWindow, maxWindow);
        }
        _checkWindow(rfq.bidDeadline - block.timestamp);
        uint40 awardDeadline = rfq.bidDeadline;
        uint32 awardWindow = rfq.awardWindow;
        Tender.AwardMode mode = rfq.mode;
        if (mode != Tender.AwardMode.LowestPrice) {
            // Buyer's choice: the buyer picks in the award window. Sealed: the bidders reveal in it.
            _checkWindow(awardWindow);
            awardDeadline += awardWindow;
        } else if (awardWindow != 0) {
            // A lowest-price RFQ has no award window (and the posting event carries only what was checked).
            revert ITenderEscrow.WindowOutOfRange(awardWindow, 0, 0);
        }
        _checkFloorRanges(rfq.floors);
        if (mode == Tender.AwardMode.SealedLowestPrice) {
            // A sealed bid must put something at stake: a bond of at least the minimum share of the maximum price, as
            // the bond is taken (rounded down), so neither 0 nor less than the share at a small price (found in review).
            uint16 bondBps = rfq.floors.bondBps;
            uint256 maxPrice = rfq.maxPrice;
            if (bondBps < _MIN_SEALED_BOND_BPS || maxPrice * bondBps / _BPS * _BPS < maxPrice * _MIN_SEALED_BOND_BPS) {
                revert ITenderMarket.SealedBondTooLow(bondBps, _MIN_SEALED_BOND_BPS);
            }
        }

        // Effect: the job opens for bids, its deadline the bid deadline.
        Tender.Job memory job;
        job.status = Tender.Status.Open;
        if (mode == Tender.AwardMode.SealedLowestPrice) job.flags = Tender.FLAG_SEALED;
        job.deadline = rfq.bidDeadline;
        job.reviewWindow = rfq.reviewWindow;
        job.buyer = msg.sender;
        job.price = rfq.maxPrice;
        job.token = rfq.token;
        job.deliveryWindow = rfq.deliveryWindow;
        job.defaultBuyerShareBps = rfq.defaultBuyerShareBps;
        jobId = _admit(job, rfq.arbitrator, rfq.arbitratorTermsId, rfq.warranty, rfq.spec);
        _rfqs[jobId] =
            Tender.RFQState({mode: mode, awardDeadline: awardDeadline, floorsHash: _floorsHash(rfq.floors)});
        _logRFQPosted(jobId, rfq, awardDeadline, job);
    }

    /// @dev Checks what every job states, fills in what the protocol fixes at posting (spec hash, arbitrator
    /// terms, protocol fee), stores the job under a new id and counts the posting. The caller has set the parties,
    /// the status, the deadline, the windows, the token, the price and the default split in `job`.
    function _admit(
        Tender.Job memory job,
        address arbitrator_,
        uint32 pinnedTerms,
        Tender.Warranty calldata warranty,
        string calldata spec
    ) private returns (uint256 jobId) {
        Config memory config = _config;
        if (config.paused) revert ITenderEscrow.PostingPaused();
        if (job.price == 0) revert ITenderEscrow.ZeroPrice();
        if (job.token != ETH && !_tokenAllowed[job.token]) revert ITenderEscrow.TokenNotAllowed(job.token);
        _checkWindow(job.deliveryWindow);
        _checkWindow(job.reviewWindow);
        if (job.defaultBuyerShareBps > MAX_DEFAULT_BUYER_SHARE_BPS) {
            revert ITenderEscrow.DefaultSplitTooHigh(job.defaultBuyerShareBps);
        }
        job.specHash = _hashSpec(spec);
        job.termsId = _activeTermsOf(arbitrator_, pinnedTerms, job.buyer, job.supplier);
        job.protocolFeeBps = config.feeBps;

        jobId = config.lastJobId + 1;
        uint16 holdbackBps = warranty.holdbackBps;
        if (holdbackBps != 0) {
            // A holdback needs a warranty window in bounds; only an RFQ's bond can be held with it.
            if (holdbackBps > _MAX_HOLDBACK_BPS || (warranty.holdBond && job.flags & Tender.FLAG_DIRECT != 0)) {
                revert ITenderEscrow.InvalidHoldback(holdbackBps, warranty.holdBond);
            }
            _checkWindow(warranty.warrantyWindow);
            job.flags |= Tender.FLAG_HOLDBACK;
            _warranties[jobId] = warranty;
        } else if (warranty.warrantyWindow != 0 || warranty.holdBond) {
            revert ITenderEscrow.InvalidHoldback(0, warranty.holdBond);
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
    ) private {
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
    function _paddedEnd(uint256 offset, uint256 length) private pure returns (uint256) {
        unchecked {
            return offset + ((length + 31) & ~uint256(31)); // within the calldata, which the decoder checked
        }
    }

    /// @dev emit RFQPosted(jobId, msg.sender, rfq, awardDeadline, termsId, protocolFeeBps), from the calldata: the
    /// floors must follow the RFQ's 16-word head, their metrics the floors' 8-word head, the spec the metrics.
    function _logRFQPosted(uint256 jobId, Tender.RFQ calldata rfq, uint40 awardDeadline, Tender.Job memory job)
        private
    {
        uint256 tuple;
        uint256 end;
        {
            Tender.Floors calldata floors = rfq.floors;
            uint256 floorsAt;
            assembly ("memory-safe") {
                tuple := rfq
                floorsAt := floors
            }
            Tender.MetricFloor[] calldata metrics = floors.metrics;
            uint256 metricsEnd;
            uint256 metricsAt;
            assembly ("memory-safe") {
                metricsAt := metrics.offset
            }
            // Unchecked: every offset and length here is within the calldata (the decoder checked them).
            unchecked {
                metricsEnd = metricsAt + metrics.length * _METRIC_SIZE;
                if (floorsAt != tuple + _RFQ_HEAD || metricsAt != floorsAt + _FLOORS_HEAD + 32) {
                    revert ITenderEscrow.NonCanonicalPost();
                }
            }
            string calldata spec = rfq.spec;
            uint256 specAt;
            assembly ("memory-safe") {
                specAt := spec.offset
            }
            unchecked {
                if (specAt != metricsEnd + 32) revert ITenderEscrow.NonCanonicalPost();
            }
            end = _paddedEnd(specAt, bytes(spec).length);
        }
        _logPosted(
            ITenderMarket.RFQPosted.selector,
            jobId,
            address(0),
            tuple,
            end,
            awardDeadline,
            job.termsId,
            job.protocolFeeBps
        );
    }

    /*//////////////////////////////////////////////////////////////
                                 CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @dev The terms a new job keeps: the named arbitrator's current ones, if it is active, not a party, and its
    /// terms are the ones the poster pinned.
    function _activeTermsOf(address account, uint32 pinned, address buyer, address supplier)
        private
        view
        returns (uint32 termsId)
    {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[account];
        if (!arbitrator_.active) revert IArbitratorRegistry.ArbitratorNotActive(account);
        if (account == buyer || account == supplier) revert ITenderEscrow.ArbitratorIsParty(account);
        termsId = arbitrator_.termsId;
        if (termsId != pinned) revert ITenderEscrow.ArbitratorTermsChanged(account, pinned, termsId);
    }

    function _hashSpec(string calldata spec) private pure returns (bytes32) {
        uint256 length = bytes(spec).length;
        if (length == 0) revert ITenderEscrow.EmptySpec();
        if (length > MAX_SPEC_BYTES) revert ITenderEscrow.SpecTooLarge(length, MAX_SPEC_BYTES);
        return keccak256(bytes(spec));
    }

    function _checkFloorRanges(Tender.Floors calldata floors) private pure {
        if (floors.metrics.length > _MAX_METRIC_FLOORS) {
            revert ITenderMarket.TooManyMetricFloors(floors.metrics.length, _MAX_METRIC_FLOORS);
        }
        if (floors.bondBps > _BPS) revert ITenderMarket.InvalidFloor("bondBps", floors.bondBps);
        if (floors.maxLossShareBps > _BPS) revert ITenderMarket.InvalidFloor("maxLossShareBps", floors.maxLossShareBps);
        if (floors.maxClawbackShareBps > _BPS) {
            revert ITenderMarket.InvalidFloor("maxClawbackShareBps", floors.maxClawbackShareBps);
        }
        if (floors.minAvgRating > 500) revert ITenderMarket.InvalidFloor("minAvgRating", floors.minAvgRating);
    }

    function _floorsHash(Tender.Floors calldata floors) internal pure returns (bytes24) {
        return bytes24(keccak256(abi.encode(floors)));
    }
}
