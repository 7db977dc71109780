// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../../../contracts/types/Tender.sol";
import {EscrowTest} from "./EscrowTest.sol";

/// @notice An escrow with bidders funded and approved, and helpers to post RFQs and bid.
abstract contract MarketTest is EscrowTest {
    uint96 internal constant MAX = 1_000e6;
    uint32 internal constant BIDDING = 1 days;
    uint32 internal constant AWARD_WINDOW = 1 days;
    bytes32 internal constant SWE = keccak256("benchmark.swe-bench");
    bytes32 internal constant P95 = keccak256("latency.p95.ms");

    address internal s1 = makeAddr("s1");
    address internal s2 = makeAddr("s2");
    address internal s3 = makeAddr("s3");
    address internal attestor = makeAddr("attestor");

    function setUp() public virtual override {
        super.setUp();
        fund(s1);
        fund(s2);
        fund(s3);
        fund(supplier);
    }

    function noFloors() internal pure returns (Tender.Floors memory floors) {
        floors.maxLossShareBps = 10_000;
        floors.maxClawbackShareBps = 10_000;
    }

    /// @dev The benchmark's conditions: record floors plus two attestation floors, and a bond.
    function fullFloors() internal view returns (Tender.Floors memory floors) {
        floors.maxLossShareBps = 10_000;
        floors.maxClawbackShareBps = 10_000;
        floors.bondBps = 1_000;
        floors.metrics = new Tender.MetricFloor[](2);
        floors.metrics[0] =
            Tender.MetricFloor({attestor: attestor, comparison: Tender.Comparison.AtLeast, metric: SWE, threshold: 60});
        floors.metrics[1] =
            Tender.MetricFloor({attestor: attestor, comparison: Tender.Comparison.AtMost, metric: P95, threshold: 2_000});
    }

    function rfqOf(address token, Tender.AwardMode mode, Tender.Floors memory floors)
        internal
        view
        returns (Tender.RFQ memory)
    {
        return Tender.RFQ({
            token: token,
            maxPrice: MAX,
            bidDeadline: uint40(block.timestamp + BIDDING),
            awardWindow: mode != Tender.AwardMode.LowestPrice ? AWARD_WINDOW : 0,
            deliveryWindow: DELIVERY,
            reviewWindow: REVIEW,
            mode: mode,
            arbitrator: arbitrator,
            arbitratorTermsId: termsId,
            defaultBuyerShareBps: 2_500,
            warranty: Tender.Warranty({holdbackBps: 0, warrantyWindow: 0, holdBond: false}),
            category: keccak256("code"),
            floors: floors,
            spec: SPEC
        });
    }

    function postRFQ(Tender.RFQ memory rfq) internal returns (uint256 jobId) {
        vm.prank(buyer);
        jobId = escrow.postRFQ{value: rfq.token == ETH ? rfq.maxPrice : 0}(rfq);
    }

    function postRFQ(address token, Tender.AwardMode mode) internal returns (uint256) {
        return postRFQ(rfqOf(token, mode, noFloors()));
    }

    function bidAs(address who, uint256 jobId, uint96 price, Tender.Floors memory floors, address token) internal {
        uint256 bond = uint256(MAX) * floors.bondBps / 10_000;
        vm.prank(who);
        escrow.bid{value: token == ETH ? bond : 0}(jobId, price, floors);
    }

    function bidAs(address who, uint256 jobId, uint96 price) internal {
        bidAs(who, jobId, price, noFloors(), address(usd));
    }

    function attestFor(address who, uint216 swe, uint216 p95) internal {
        vm.startPrank(attestor);
        registry.attest(who, SWE, swe, uint40(block.timestamp + 30 days));
        registry.attest(who, P95, p95, uint40(block.timestamp + 30 days));
        vm.stopPrank();
    }

    /// @dev Gives `who` a record the way the protocol does: a direct hire delivered and confirmed.
    function completeDirectHire(address who, uint8 rating) internal {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.supplier = who;
        uint256 jobId = post(hire);
        vm.prank(who);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, rating);
    }
}
