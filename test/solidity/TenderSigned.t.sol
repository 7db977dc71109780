// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TenderEscrow} from "../../contracts/TenderEscrow.sol";
import {TenderSigned} from "../../contracts/modules/TenderSigned.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderSigned} from "../../contracts/interfaces/ITenderSigned.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {BlocklistToken} from "./mocks/AdversarialTokens.sol";
import {SupplierRegistry} from "../../contracts/SupplierRegistry.sol";
import {MarketTest} from "./utils/MarketTest.sol";

/// @notice A job posted and funded in one transaction through the buyer's ERC-2612 permit (the signed-actions
/// module): the permit used, a permit someone used first, an allowance already there, and every refusal by name with
/// nothing moved.
contract TenderSignedTest is MarketTest {
    uint256 internal constant PAYER_KEY = 0xB0B;
    address internal payer;

    function setUp() public override {
        super.setUp();
        payer = vm.addr(PAYER_KEY);
        usd.mint(payer, 10_000e6); // no approval: the permit brings it
        vm.deal(payer, 10 ether);
    }

    function permitOf(uint256 value) internal view returns (Tender.Permit memory) {
        return permitOf(PAYER_KEY, address(escrow), value, block.timestamp + 1 hours);
    }

    function postWithPermit(Tender.DirectHire memory hire, Tender.Permit memory p) internal returns (uint256 jobId) {
        vm.prank(payer);
        jobId = escrow.postDirectHireWithPermit(hire, p);
    }

    /*//////////////////////////////////////////////////////////////
                               HAPPY PATHS
    //////////////////////////////////////////////////////////////*/

    function test_directHire_fundedThroughItsPermit_inOneTransaction() public {
        assertEq(usd.allowance(payer, address(escrow)), 0, "no approval before");
        uint256 escrowBefore = usd.balanceOf(address(escrow));
        uint256 jobId = postWithPermit(hireOf(address(usd)), permitOf(PRICE));

        Tender.Job memory job_ = escrow.job(jobId);
        assertEq(job_.buyer, payer, "the caller is the buyer");
        assertEq(uint256(job_.status), uint256(Tender.Status.Awarded), "awarded");
        assertEq(usd.balanceOf(address(escrow)) - escrowBefore, PRICE, "the price escrowed");
        assertEq(usd.balanceOf(payer), 10_000e6 - PRICE, "taken from the buyer");
        assertEq(usd.allowance(payer, address(escrow)), 0, "the permit's allowance spent");
        assertEq(usd.nonces(payer), 1, "the permit used");
        assertEq(escrow.buyerRecord(payer).posted, 1, "counted as any posting");

        // The job runs as any other: delivered, confirmed, paid.
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("work"), "ipfs://work");
        vm.prank(payer);
        escrow.confirm(jobId, 5);
        assertEq(uint256(escrow.job(jobId).status), uint256(Tender.Status.Settled), "settled");
    }

    function test_rfq_fundedThroughItsPermit() public {
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors());
        Tender.Permit memory p = permitOf(MAX);
        vm.prank(payer);
        uint256 jobId = escrow.postRFQWithPermit(rfq, p);
        assertEq(uint256(escrow.job(jobId).status), uint256(Tender.Status.Open), "open");
        assertEq(usd.balanceOf(payer), 10_000e6 - MAX, "the maximum escrowed");
        assertEq(escrow.rfqOf(jobId).floorsHash, bytes24(keccak256(abi.encode(noFloors()))), "the floors kept");
    }

    function test_permitSomeoneUsedFirst_doesNotSinkThePost() public {
        Tender.Permit memory p = permitOf(PRICE);
        // A watcher of the mempool submits the permit to the token first.
        vm.prank(stranger);
        usd.permit(payer, address(escrow), p.value, p.deadline, p.v, p.r, p.s);
        uint256 jobId = postWithPermit(hireOf(address(usd)), p);
        assertEq(escrow.job(jobId).buyer, payer, "posted all the same");
        assertEq(usd.balanceOf(payer), 10_000e6 - PRICE, "the price escrowed");
    }

    function test_allowanceAlreadyThere_aStalePermitIsNoFailure() public {
        vm.prank(payer);
        usd.approve(address(escrow), PRICE);
        Tender.Permit memory junk; // signs nothing
        uint256 jobId = postWithPermit(hireOf(address(usd)), junk);
        assertEq(escrow.job(jobId).buyer, payer, "posted on the approval");
    }

    function test_tokenWithoutPermit_goesOnAnApproval_andIsRefusedByNameWithout() public {
        BlocklistToken plain = new BlocklistToken(); // no permit function
        allowToken(address(plain));
        plain.mint(payer, PRICE);
        Tender.Permit memory p = permitOf(PRICE);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(plain), payer, 0, PRICE));
        escrow.postDirectHireWithPermit(hireOf(address(plain)), p);

        vm.prank(payer);
        plain.approve(address(escrow), PRICE);
        uint256 jobId = postWithPermit(hireOf(address(plain)), p);
        assertEq(plain.balanceOf(address(escrow)), PRICE, "escrowed on the approval");
        assertEq(escrow.job(jobId).token, address(plain), "in that token");
    }

    /*//////////////////////////////////////////////////////////////
                                 REFUSALS
    //////////////////////////////////////////////////////////////*/

    function assertNothingMoved(uint256 jobsBefore) internal view {
        assertEq(escrow.lastJobId(), jobsBefore, "no job");
        assertEq(usd.balanceOf(payer), 10_000e6, "nothing taken");
        assertEq(usd.nonces(payer), 0, "no permit used");
    }

    function test_permitSignedByAnother_isRefused() public {
        uint256 before = escrow.lastJobId();
        Tender.Permit memory p = permitOf(0xBAD, address(escrow), PRICE, block.timestamp + 1 hours);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), payer, 0, PRICE));
        escrow.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertNothingMoved(before);
    }

    function test_permitForAnotherSpender_isRefused() public {
        uint256 before = escrow.lastJobId();
        Tender.Permit memory p = permitOf(PAYER_KEY, stranger, PRICE, block.timestamp + 1 hours);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), payer, 0, PRICE));
        escrow.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertNothingMoved(before);
    }

    function test_expiredPermit_isRefused() public {
        uint256 before = escrow.lastJobId();
        Tender.Permit memory p = permitOf(PAYER_KEY, address(escrow), PRICE, block.timestamp - 1);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), payer, 0, PRICE));
        escrow.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertNothingMoved(before);
    }

    function test_permitBelowThePrice_isRefused() public {
        uint256 before = escrow.lastJobId();
        Tender.Permit memory p = permitOf(PRICE - 1);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), payer, PRICE - 1, PRICE)
        );
        escrow.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertNothingMoved(before);
    }

    function test_permitReplayedByAnotherCaller_pullsOnlyFromTheCaller() public {
        // The payer's permit, submitted by someone else for a post of their own: the call pulls from its caller only,
        // so the stranger's post is refused and the payer's tokens stay where they are.
        fund(stranger);
        vm.prank(stranger);
        usd.approve(address(escrow), 0);
        Tender.Permit memory p = permitOf(PRICE);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), stranger, 0, PRICE));
        escrow.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertEq(usd.balanceOf(payer), 10_000e6, "the payer's tokens untouched");
    }

    function test_ethJob_takesNoPermit() public {
        uint256 before = escrow.lastJobId();
        Tender.Permit memory p = permitOf(PRICE);
        vm.prank(payer);
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.postDirectHireWithPermit(hireOf(ETH), p);
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.LowestPrice, noFloors());
        vm.prank(payer);
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.postRFQWithPermit(rfq, p);
        assertNothingMoved(before);
    }

    function test_postingChecksComeFirst_unlistedTokenAndPause() public {
        BlocklistToken unlisted = new BlocklistToken();
        Tender.Permit memory p = permitOf(PRICE);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenNotAllowed.selector, address(unlisted)));
        escrow.postDirectHireWithPermit(hireOf(address(unlisted)), p);

        vm.prank(owner);
        escrow.setPostingPaused(true);
        vm.prank(payer);
        vm.expectRevert(ITenderEscrow.PostingPaused.selector);
        escrow.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertNothingMoved(0);
    }

    /*//////////////////////////////////////////////////////////////
                                THE MODULE
    //////////////////////////////////////////////////////////////*/

    function test_module_refusesDirectCalls_isNamed_andIsRebuiltToTheSameCode() public {
        Tender.Permit memory p = permitOf(PRICE);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        signedModule.postDirectHireWithPermit(hireOf(address(usd)), p);
        assertEq(escrow.signedModule(), address(signedModule), "named");
        TenderSigned rebuilt = new TenderSigned(MIN_WINDOW, MAX_WINDOW, registry);
        assertEq(address(signedModule).codehash, address(rebuilt).codehash, "its code depends only on the settings");
    }

    function test_escrow_refusesASignedModuleForAnotherRegistry() public {
        TenderSigned other = new TenderSigned(MIN_WINDOW, MAX_WINDOW, new SupplierRegistry());
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidModule.selector, address(other)));
        new TenderEscrow(
            owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, other
        );
    }

    function test_escrow_refusesASignedModuleForOtherSettingsOrWithoutCode() public {
        TenderSigned other = new TenderSigned(MIN_WINDOW, MAX_WINDOW + 1, registry);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidModule.selector, address(other)));
        new TenderEscrow(
            owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, other
        );
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidModule.selector, stranger));
        new TenderEscrow(
            owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, TenderSigned(stranger)
        );
    }
}
