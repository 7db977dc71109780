// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../../../contracts/types/Tender.sol";
import {MarketTest} from "./MarketTest.sol";

/// @notice Jobs held under warranty (direct hires and bonded RFQs), claims filed and answered, and exact balance
/// books for the parties a held share pays.
abstract contract WarrantyTest is MarketTest {
    uint16 internal constant HOLD_BPS = 1_000;
    uint32 internal constant WARRANTY = 7 days;
    uint256 internal constant ARB_FEE_BPS = 200; // the arbitrator's terms in EscrowTest
    uint256 internal constant RULE_WINDOW = 3 days;
    /// @dev A plain held job: PRICE at HOLD_BPS holds 10 mUSD (or wei) and its claim fee is 0.2 of it, exactly.
    uint256 internal constant HELD = uint256(PRICE) * HOLD_BPS / 10_000;
    uint256 internal constant CLAIM_FEE = HELD * ARB_FEE_BPS / 10_000;
    /// @dev The warranty slot of a job: `_warranties` is storage slot 16.
    uint256 internal constant WARRANTIES_SLOT = 16;

    /// @dev What each party and the escrow hold in a token, before a step.
    struct Books {
        uint256 buyer;
        uint256 supplier;
        uint256 arbitrator;
        uint256 escrow;
    }

    function warrantyOf(uint16 bps, uint32 window, bool holdBond) internal pure returns (Tender.Warranty memory) {
        return Tender.Warranty({holdbackBps: bps, warrantyWindow: window, holdBond: holdBond});
    }

    function heldHireOf(address token, uint96 price, uint16 bps) internal view returns (Tender.DirectHire memory hire) {
        hire = hireOf(token);
        hire.price = price;
        hire.warranty = warrantyOf(bps, WARRANTY, false);
    }

    function deliverAs(address who, uint256 jobId) internal {
        vm.prank(who);
        escrow.deliver(jobId, keccak256("work"), "ipfs://work");
    }

    function confirmAs(address who, uint256 jobId) internal {
        vm.prank(who);
        escrow.confirm(jobId, 5);
    }

    /// @dev A direct hire posted, delivered and confirmed now: its held share's warranty ends at now + WARRANTY.
    function heldJob(address token, uint96 price, uint16 bps) internal returns (uint256 jobId) {
        jobId = post(heldHireOf(token, price, bps));
        deliverAs(supplier, jobId);
        confirmAs(buyer, jobId);
    }

    function heldJob(address token) internal returns (uint256) {
        return heldJob(token, PRICE, HOLD_BPS);
    }

    /// @dev The same for supplier `who` (funded and approved by MarketTest).
    function heldJobFor(address who, address token) internal returns (uint256 jobId) {
        Tender.DirectHire memory hire = heldHireOf(token, PRICE, HOLD_BPS);
        hire.supplier = who;
        jobId = post(hire);
        deliverAs(who, jobId);
        confirmAs(buyer, jobId);
    }

    /// @dev A lowest-price RFQ with a holdback won by s1 at `price`, its bond `bondBps` of MAX, delivered (not yet
    /// confirmed): the caller settles it.
    function deliveredRfq(address token, uint96 price, uint16 bondBps, uint16 holdBps, bool holdBond)
        internal
        returns (uint256 jobId)
    {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = bondBps;
        Tender.RFQ memory rfq = rfqOf(token, Tender.AwardMode.LowestPrice, floors);
        rfq.warranty = warrantyOf(holdBps, WARRANTY, holdBond);
        jobId = postRFQ(rfq);
        bidAs(s1, jobId, price, floors, token);
        vm.warp(block.timestamp + BIDDING);
        escrow.award(jobId);
        deliverAs(s1, jobId);
    }

    /// @dev s1 won at 600 with a 100 bond (10% of MAX), 10% held with its bond: 60 held, 60 of the bond with it.
    function heldRfq(address token) internal returns (uint256 jobId) {
        jobId = deliveredRfq(token, 600e6, 1_000, HOLD_BPS, true);
        confirmAs(buyer, jobId);
    }

    /// @dev ⌈stake × the arbitrator's bps / 10,000⌉.
    function claimFeeOf(uint256 stake) internal pure returns (uint256) {
        return (stake * ARB_FEE_BPS + 9_999) / 10_000;
    }

    function protocolFeeOf(uint256 amount) internal pure returns (uint256) {
        return amount * FEE_BPS / 10_000;
    }

    /// @dev The buyer claims `asked` of payment 0, paying the fee on what is held now.
    function fileClaim(uint256 jobId, uint96 asked) internal returns (uint256 fee) {
        Tender.Job memory job_ = escrow.job(jobId);
        Tender.Held memory held = escrow.heldOf(jobId, 0);
        fee = claimFeeOf(uint256(held.amount) + held.bond);
        vm.prank(job_.buyer);
        escrow.claim{value: job_.token == ETH ? fee : 0}(jobId, 0, asked, "ipfs://claim");
    }

    /// @dev The supplier answers payment 0's claim, paying the same fee.
    function answerClaim(uint256 jobId) internal {
        Tender.Job memory job_ = escrow.job(jobId);
        uint256 fee = escrow.claimOf(jobId, 0).fee;
        vm.prank(job_.supplier);
        escrow.answerClaim{value: job_.token == ETH ? fee : 0}(jobId, 0, "ipfs://answer");
    }

    function ruleClaimAs(address who, uint256 jobId, uint16 bps) internal {
        vm.prank(who);
        escrow.ruleClaim(jobId, 0, bps, keccak256("reasons"));
    }

    function booksOf(address token, address supplier_) internal view returns (Books memory b) {
        b.buyer = balanceOf(token, buyer);
        b.supplier = balanceOf(token, supplier_);
        b.arbitrator = balanceOf(token, arbitrator);
        b.escrow = balanceOf(token, address(escrow));
    }

    /// @dev Each party got exactly this since `before`, and the escrow paid exactly their sum.
    function assertPaid(
        address token,
        address supplier_,
        Books memory before,
        uint256 toBuyer,
        uint256 toSupplier,
        uint256 toArbitrator
    ) internal view {
        assertEq(balanceOf(token, buyer), before.buyer + toBuyer, "buyer received");
        assertEq(balanceOf(token, supplier_), before.supplier + toSupplier, "supplier received");
        assertEq(balanceOf(token, arbitrator), before.arbitrator + toArbitrator, "arbitrator received");
        assertEq(
            balanceOf(token, address(escrow)), before.escrow - toBuyer - toSupplier - toArbitrator, "escrow paid their sum"
        );
    }

    /// @dev Nothing stays held of payment 0, and its claim status is `claim_`.
    function assertNothingHeld(uint256 jobId, Tender.ClaimStatus claim_) internal view {
        Tender.Held memory held = escrow.heldOf(jobId, 0);
        assertEq(held.amount, 0, "nothing held");
        assertEq(held.bond, 0, "no bond held");
        assertEq(uint256(held.claim), uint256(claim_), "claim status");
    }

    function warrantySlot(uint256 jobId) internal view returns (bytes32) {
        return vm.load(address(escrow), keccak256(abi.encode(jobId, WARRANTIES_SLOT)));
    }
}
